import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PipelineManifest } from '../../core/pipelineManifest';
import { createSshTarget, type SshTarget } from '../../runner/targets/ssh/sshTarget';
import { localJob, progressLog, sshConfig, testEnv } from './ssh/harness';
import { startFixtureDocker, type FixtureDocker } from './ssh/fixtureDocker';
import { sshd, type Sshd } from './ssh/sshd';

/**
 * Docker mode: the job runs on the host with the docker CLI, under the docker target's policy, checked
 * from inside the container by the FIXTURE pipeline (test/fixtures/ssh/container_fixture.sh).
 */
describe('ssh target: jobs in Docker on the host (real sshd, real dockerd)', () => {
  let d: Sshd;
  let dkr: FixtureDocker;
  let workDir: string;
  const targets: SshTarget[] = [];
  const manifest = (image: string): PipelineManifest =>
    PipelineManifest.parse({
      id: 'fixture.echo', version: 1, modality: 'image', kinds: ['image'], tiers: ['low'], backend: 'container', image,
      vramGb: 0, models: [], params: { type: 'object' }, writes: [{ name: 'echo.bin', role: 'image', mime: 'application/octet-stream' }],
      deterministic: true, model: 'FIXTURE: no model',
    });
  const target = (dockerHost: string): SshTarget => {
    const env = { ...testEnv(), manifest: () => manifest(dkr.image) };
    const t = createSshTarget(sshConfig(d, { workDir, run: 'docker', limits: { memoryMb: 256, cpus: 1 } }), env, { remoteEnv: { DOCKER_HOST: dockerHost } });
    targets.push(t);
    return t;
  };
  const containers = (): string =>
    spawnSync('docker', ['-H', `unix://${dkr.socket}`, 'ps', '-a', '--filter', 'name=bmad-', '--format', '{{.Names}}'], { encoding: 'utf8' }).stdout.trim();

  before(async function () {
    this.timeout(120_000);
    d = await sshd();
    dkr = await startFixtureDocker();
    workDir = fs.mkdtempSync(path.join(d.dir, 'remote-'));
    fs.mkdirSync(path.join(d.dir, 'models'), { recursive: true });
  });
  after(async () => {
    for (const t of targets) t.dispose();
    await dkr?.stop();
  });

  it('runs the image with read-only /job, /inputs, /models and root, writable /outputs and /tmp, uid 1000, no network', async () => {
    const t = target(`unix://${dkr.socket}`);
    const { job, io } = localJob({ lines: 1 }, { 'a.png': Buffer.from('bytes in a container') });
    const progress = progressLog();
    const result = await t.run(job, io, new AbortController().signal, progress.on);
    assert.equal(result.ok, true, JSON.stringify(result));
    assert.equal(fs.readFileSync(path.join(io.outputsDir, 'echo.bin'), 'utf8'), 'bytes in a container');
    const policy = JSON.parse(fs.readFileSync(path.join(io.outputsDir, 'policy.json'), 'utf8')) as Record<string, unknown>;
    assert.deepEqual(policy, {
      uid: 1000, job: false, inputs: false, models: false, root: false, tmp: true, outputs: true, net: 'lo ',
      memory: 256 * 1024 * 1024,
    });
    assert.deepEqual(progress.lines.filter((l) => l.type === 'progress').length, 2);
    assert.equal(containers(), '', 'the container is removed');
  });

  it('cancel stops the container and removes it', async () => {
    const t = target(`unix://${dkr.socket}`);
    const { job, io } = localJob({ hold: true });
    const progress = progressLog();
    const ctl = new AbortController();
    let handle = '';
    const running = t.run(job, io, ctl.signal, progress.on, (h) => (handle = h));
    await progress.waitFor(2);
    assert.equal(containers(), `bmad-${handle}`, 'the job runs in its container');
    ctl.abort();
    const result = await running;
    assert.equal(!result.ok && result.error.code, 'INTERRUPTED');
    assert.equal(containers(), '', 'no container is left');
  });

  it('probe says the host runs containers; a host whose Docker does not answer gets a clear error, not a job', async () => {
    assert.deepEqual(await target(`unix://${dkr.socket}`).probe(new AbortController().signal), { gpus: [], backends: ['container'] });
    const { job, io } = localJob({});
    const result = await target(`unix://${path.join(d.dir, 'no-docker.sock')}`).run(job, io, new AbortController().signal, () => undefined);
    assert.match(!result.ok ? result.error.message : '', /set to run jobs in Docker, but Docker does not answer on 127\.0\.0\.1 \(set "run": "process"/);
  });
});
