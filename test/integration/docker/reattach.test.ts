import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type Docker from 'dockerode';
import { createDockerTarget } from '../../../runner/targets/docker/dockerTarget';
import { dockerd } from '../../services/dockerd';
import { probeImage } from '../../services/testImages';
import { containerStarts, dockerConfig, envWith, job, jobIo, manifestFor, progressLog, tempRoot } from './fixtures';
import { placeAndDie } from './restart';

/** A runner that dies with its job in a container; a new target instance follows the job to its end. */

describe('docker target: reattach after the runner restarts (real dockerd)', function () {
  this.timeout(180_000);
  let docker: Docker;
  let socket: string;
  let root: string;
  let models: string;
  let manifest: ReturnType<typeof manifestFor>;

  before(async () => {
    const d = await dockerd();
    docker = d.docker;
    socket = d.socket;
    manifest = manifestFor('test.probe', await probeImage(docker));
    root = tempRoot();
    models = path.join(root, 'models');
    fs.mkdirSync(models);
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  for (const when of ['created', 'running', 'exited'] as const) {
    it(`follows a job whose container is ${when} to its end, once, and removes it`, async () => {
      const since = Math.floor(Date.now() / 1000) - 1;
      const config = dockerConfig(socket, models);
      const j = job('test.probe', { mode: 'steps', count: 30, delay: 0.05 });
      const handle = await placeAndDie(config, manifest, j, jobIo(root), when === 'created' ? 'placed' : 'progress');
      const container = docker.getContainer(handle);
      if (when === 'exited') await container.wait();
      assert.equal((await container.inspect()).State.Status, when, 'the job outlived the runner');

      const io = jobIo(root);
      const progress = progressLog();
      const env = envWith(manifest);
      const r = await createDockerTarget(config, env).reattach!(handle, j, io, new AbortController().signal, progress.push);
      assert.deepEqual(r, { ok: true, outputs: [{ name: 'done.txt', role: 'report', mime: 'text/plain' }] });
      assert.equal(fs.readFileSync(path.join(io.outputsDir, 'done.txt'), 'utf8'), j.key);
      assert.deepEqual(progress.lines.at(-1), { type: 'progress', value: 30, max: 30, stage: 'step' });
      assert.equal(await containerStarts(docker, j.key, since), 1, 'the job ran once');
      assert.match(fs.readFileSync(io.logFile, 'utf8'), new RegExp(`^--- reattached to container ${handle.slice(0, 12)}`, 'm'));
      assert.deepEqual(env.lines, [`docker target "test-docker": job "Shot 1 · keyframe" (n1) is still in container ${handle.slice(0, 12)} (${when}); following it`]);
      await assert.rejects(container.inspect(), (e: { statusCode?: number }) => e.statusCode === 404);
    });
  }

  it('cancels a reattached job', async () => {
    const config = dockerConfig(socket, models);
    const j = job('test.probe', { mode: 'steps', count: 2000, delay: 0.05 });
    const handle = await placeAndDie(config, manifest, j, jobIo(root));
    const progress = progressLog();
    const abort = new AbortController();
    const running = createDockerTarget(config, envWith(manifest)).reattach!(handle, j, jobIo(root), abort.signal, progress.push);
    await progress.waitFor((l) => l.type === 'progress');
    abort.abort();
    assert.deepEqual(await running, { ok: false, error: { code: 'INTERRUPTED', message: 'stopped by SIGTERM' } });
    await assert.rejects(docker.getContainer(handle).inspect(), (e: { statusCode?: number }) => e.statusCode === 404);
  });

  it('knows no container by an unknown handle, nor one that runs another job', async () => {
    const config = dockerConfig(socket, models);
    const target = createDockerTarget(config, envWith(manifest));
    const j = job('test.probe', { mode: 'steps', count: 1, delay: 0 });
    assert.equal(await target.reattach!('0'.repeat(64), j, jobIo(root), new AbortController().signal, () => undefined), undefined);
    const other = job('test.probe', { mode: 'steps', count: 1, delay: 0 });
    const handle = await placeAndDie(config, manifest, other, jobIo(root));
    assert.equal(await target.reattach!(handle, j, jobIo(root), new AbortController().signal, () => undefined), undefined);
    assert.ok(await target.reattach!(handle, other, jobIo(root), new AbortController().signal, () => undefined));
  });
});
