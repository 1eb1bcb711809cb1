import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import type Docker from 'dockerode';
import { ALL_GPUS, containerOptions } from '../../../runner/targets/docker/containerSpec';
import { hasNvidiaRuntime } from '../../../runner/targets/docker/daemon';
import { createDockerTarget } from '../../../runner/targets/docker/dockerTarget';
import { parseNvidiaSmi } from '../../../runner/targets/docker/probe';
import { dockerd } from '../../services/dockerd';
import { dockerConfig, envWith, job, jobIo, manifestFor, tempRoot } from './fixtures';

/**
 * GPUs: `--gpus` cannot run here (no GPU), so a second daemon registers a runtime named `nvidia`
 * (really runc), which is what the target decides by; the test checks the request the daemon
 * receives and keeps, and that a job on a daemon that cannot honour it fails saying so.
 */

/** A one-file image (no registry): enough to create containers from. */
async function tinyImage(docker: Docker, tag: string): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bmad-tiny-'));
  fs.writeFileSync(path.join(dir, 'hello'), 'hello\n');
  const tar = spawnSync('tar', ['-C', dir, '-c', '.'], { maxBuffer: 1 << 20 }).stdout;
  fs.rmSync(dir, { recursive: true });
  const [repo, version] = tag.split(':') as [string, string];
  const { Readable } = await import('node:stream');
  const stream = await docker.importImage(Readable.from([tar]), { repo, tag: version, changes: ['CMD ["/hello"]'] } as object);
  await new Promise<void>((resolve, reject) => docker.modem.followProgress(stream, (err: Error | null) => (err ? reject(err) : resolve())));
}

describe('docker target: GPU device requests (real dockerd)', function () {
  this.timeout(120_000);
  let gpuDaemon: { docker: Docker; socket: string };
  let root: string;

  before(async () => {
    const runc = spawnSync('sh', ['-c', 'command -v runc'], { encoding: 'utf8' }).stdout.trim();
    gpuDaemon = await dockerd({ flags: [`--add-runtime=nvidia=${runc}`] });
    await tinyImage(gpuDaemon.docker, 'bmad/tiny:1');
    root = tempRoot();
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('asks for GPUs only on a daemon with the NVIDIA runtime', async () => {
    assert.equal(hasNvidiaRuntime(await gpuDaemon.docker.info()), true);
    assert.equal(hasNvidiaRuntime(await (await dockerd()).docker.info()), false);
  });

  it('forms the request `docker run --gpus all` makes, and the daemon keeps it', async () => {
    const j = job('bmad.tiny', {});
    const folders = { job: root, inputs: root, outputs: root };
    const plan = { image: 'bmad/tiny:1', job: j, folders, config: { id: 'gpu', modelsDir: root, limits: { memoryMb: 256, cpus: 1 } }, run: 'r' };
    assert.equal(containerOptions({ ...plan, gpus: false }).HostConfig?.DeviceRequests, undefined);
    const c = await gpuDaemon.docker.createContainer(containerOptions({ ...plan, gpus: true }));
    try {
      const kept = (await c.inspect()).HostConfig.DeviceRequests;
      assert.equal(kept?.length, 1);
      const { Driver, Count, Capabilities } = kept![0]!;
      assert.deepEqual({ Driver, Count, Capabilities }, { Driver: ALL_GPUS.Driver, Count: -1, Capabilities: [['gpu']] });
    } finally {
      await c.remove({ force: true });
    }
  });

  it('fails a job clearly where the GPU request cannot be met, and leaves no container', async () => {
    const models = path.join(root, 'models');
    fs.mkdirSync(models, { recursive: true });
    const j = job('bmad.tiny', {});
    const target = createDockerTarget(dockerConfig(gpuDaemon.socket, models), envWith(manifestFor('bmad.tiny', 'bmad/tiny:1')));
    const r = await target.run(j, jobIo(root), new AbortController().signal, () => undefined);
    assert.ok(!r.ok);
    assert.equal(r.error.code, 'INTERNAL');
    assert.match(r.error.message, /could not select device driver .* with capabilities: \[\[gpu\]\]/);
    assert.deepEqual(await gpuDaemon.docker.listContainers({ all: true }), []);
  });

  it('probe: no GPUs and the container backend on a daemon without the runtime; a clear error where nvidia-smi cannot run', async () => {
    const plain = await dockerd();
    const models = path.join(root, 'models');
    fs.mkdirSync(models, { recursive: true });
    const env = envWith();
    assert.deepEqual(await createDockerTarget(dockerConfig(plain.socket, models), env).probe!(new AbortController().signal), { gpus: [], backends: ['container'] });
    await assert.rejects(createDockerTarget(dockerConfig(gpuDaemon.socket, models), env).probe!(new AbortController().signal), /^Error: docker target "test-docker": .*could not select device driver/);
    const nowhere = path.join(root, 'no.sock');
    await assert.rejects(createDockerTarget(dockerConfig(nowhere, models), env).probe!(new AbortController().signal), {
      message: `docker target "test-docker": no Docker daemon at ${nowhere} (the socket does not exist; is dockerd running?)`,
    });
  });

  it('reads nvidia-smi', () => {
    assert.deepEqual(parseNvidiaSmi('NVIDIA GeForce RTX 4090, 24564\nNVIDIA A100-SXM4-80GB, 81920\n'), [
      { name: 'NVIDIA GeForce RTX 4090', vramGb: 24 },
      { name: 'NVIDIA A100-SXM4-80GB', vramGb: 80 },
    ]);
    assert.throws(() => parseNvidiaSmi('No devices were found'), /nvidia-smi printed "No devices were found"/);
  });
});
