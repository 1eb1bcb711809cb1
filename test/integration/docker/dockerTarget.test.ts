import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type Docker from 'dockerode';
import { LABELS } from '../../../runner/targets/docker/containerSpec';
import { createDockerTarget, createDockerTargetWith } from '../../../runner/targets/docker/dockerTarget';
import { stagingRoot } from '../../../runner/targets/docker/staging';
import { dockerd } from '../../services/dockerd';
import { probeImage } from '../../services/testImages';
import { containerStarts, dockerConfig, envWith, job, jobIo, manifestFor, progressLog, tempRoot } from './fixtures';

/** The docker target against a real dockerd, with the probe pipeline looking at its own container. */

/** Staging folders of a job still on disk (the target removes its own on every path). */
const stagedFor = (key: string): string[] => (fs.existsSync(stagingRoot()) ? fs.readdirSync(stagingRoot()).filter((d) => d.startsWith(key.slice(0, 16))) : []);

const containersOf = async (docker: Docker, key: string) => docker.listContainers({ all: true, filters: { label: [`${LABELS.key}=${key}`] } });

describe('docker target (real dockerd)', function () {
  this.timeout(180_000);
  let docker: Docker;
  let socket: string;
  let root: string;
  let models: string;
  let env: ReturnType<typeof envWith>;

  before(async () => {
    const d = await dockerd();
    docker = d.docker;
    socket = d.socket;
    env = envWith(manifestFor('test.probe', await probeImage(docker)), manifestFor('test.absent', 'bmad/absent.image:1'));
    root = tempRoot();
    models = path.join(root, 'models');
    fs.mkdirSync(models);
    fs.writeFileSync(path.join(models, 'weights.bin'), 'w');
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('runs a job in a container that has no network, read-only mounts, a read-only root, no privileges and its limits', async () => {
    const inputs = [{ name: 'ref.png', data: 'pretend png' }];
    const j = job('test.probe', { mode: 'inspect' }, inputs);
    const io = jobIo(root, inputs);
    const placed: string[] = [];
    const target = createDockerTarget(dockerConfig(socket, models), env);
    const r = await target.run(j, io, new AbortController().signal, () => undefined, (h) => placed.push(h));
    assert.ok(r.ok, JSON.stringify(r));
    assert.deepEqual(r.outputs, [{ name: 'probe.json', role: 'report', mime: 'application/json' }]);
    const report = JSON.parse(fs.readFileSync(path.join(io.outputsDir, 'probe.json'), 'utf8'));
    assert.equal(report.job_key, j.key);
    assert.deepEqual(report.inputs, ['ref.png']);
    assert.equal(report.uid, 1000);
    assert.equal(report.gid, 1000);
    assert.deepEqual(report.writable, { '/job': false, '/inputs': false, '/models': false, '/outputs': true, '/tmp': true, '/': false, '/usr': false });
    assert.deepEqual(report.network.interfaces, ['lo']);
    assert.notEqual(report.network.tcp, 'connected');
    assert.notEqual(report.network.dns, 'connected');
    assert.deepEqual(report.limits, { memory: 512 * 1024 * 1024, pids: 512, cpus: 1 });
    assert.equal(report.no_new_privs, '1');
    assert.equal(report.cap_eff, '0000000000000000');
    assert.equal(placed.length, 1);
    assert.deepEqual(await containersOf(docker, j.key), [], 'the container is removed after the job');
    assert.deepEqual(stagedFor(j.key), []);
  });

  it('reports progress lines from stdout and writes everything else to the job log', async () => {
    const j = job('test.probe', { mode: 'chatty' });
    const io = jobIo(root);
    const progress = progressLog();
    const r = await createDockerTarget(dockerConfig(socket, models), env).run(j, io, new AbortController().signal, progress.push);
    assert.ok(r.ok, JSON.stringify(r));
    assert.deepEqual(progress.lines, [
      { type: 'log', level: 'info', message: 'hello from the container' },
      { type: 'progress', value: 1, max: 2 },
      { type: 'progress', value: 2, max: 2, stage: 'done' },
    ]);
    const log = fs.readFileSync(io.logFile, 'utf8');
    assert.match(log, /^plain text on stdout$/m);
    assert.match(log, /^to stderr$/m);
    assert.match(log, /"value":"not a number"/, 'a line that is not a valid progress line is kept in the log');
    assert.equal(fs.readFileSync(path.join(io.outputsDir, 'done.txt'), 'utf8'), j.key);
  });

  it('cancels a running job: SIGTERM reaches the pipeline, which ends INTERRUPTED; no container is left', async () => {
    const j = job('test.probe', { mode: 'steps', count: 2000, delay: 0.05 });
    const io = jobIo(root);
    const progress = progressLog();
    const abort = new AbortController();
    const running = createDockerTarget(dockerConfig(socket, models), env).run(j, io, abort.signal, progress.push);
    await progress.waitFor((l) => l.type === 'progress' && l.value >= 2);
    abort.abort();
    const r = await running;
    assert.deepEqual(r, { ok: false, error: { code: 'INTERRUPTED', message: 'stopped by SIGTERM' } });
    assert.deepEqual(await containersOf(docker, j.key), []);
    assert.deepEqual(stagedFor(j.key), []);
    assert.ok(!fs.existsSync(path.join(io.outputsDir, 'done.txt')));
  });

  it('a job cancelled as it is placed never starts, and leaves no container', async () => {
    const since = Math.floor(Date.now() / 1000) - 1;
    const j = job('test.probe', { mode: 'steps', count: 5, delay: 0 });
    const abort = new AbortController();
    const r = await createDockerTarget(dockerConfig(socket, models), env).run(j, jobIo(root), abort.signal, () => undefined, () => abort.abort());
    assert.deepEqual(r, { ok: false, error: { code: 'INTERRUPTED', message: 'job "Shot 1 · keyframe" (n1) was cancelled' } });
    assert.deepEqual(await containersOf(docker, j.key), []);
    assert.deepEqual(stagedFor(j.key), []);
    assert.equal(await containerStarts(docker, j.key, since), 0, 'no container started');
  });

  it('kills a job that ignores SIGTERM after the grace period', async () => {
    const j = job('test.probe', { mode: 'ignore-term' });
    const io = jobIo(root);
    const progress = progressLog();
    const abort = new AbortController();
    const running = createDockerTargetWith(dockerConfig(socket, models), env, { graceSeconds: 1 }).run(j, io, abort.signal, progress.push);
    await progress.waitFor((l) => l.type === 'progress');
    abort.abort();
    const r = await running;
    assert.deepEqual(r, { ok: false, error: { code: 'INTERRUPTED', message: 'job "Shot 1 · keyframe" (n1) was cancelled' } });
    assert.deepEqual(await containersOf(docker, j.key), []);
  });

  it('ends a job that outgrows its memory limit as OUT_OF_MEMORY', async () => {
    const j = job('test.probe', { mode: 'oom' });
    const r = await createDockerTarget(dockerConfig(socket, models, { limits: { memoryMb: 96, cpus: 1 } }), env).run(j, jobIo(root), new AbortController().signal, () => undefined);
    assert.equal(r.ok, false);
    assert.ok(!r.ok);
    assert.equal(r.error.code, 'OUT_OF_MEMORY');
    assert.match(r.error.message, /memory limit \(96 MB, limits\.memoryMb of docker target "test-docker"\)/);
    assert.deepEqual(await containersOf(docker, j.key), []);
  });

  it('says why when a pipeline ends without result.json, with the last lines of its log', async () => {
    const io = jobIo(root);
    const r = await createDockerTarget(dockerConfig(socket, models), env).run(job('test.probe', { mode: 'no-result' }), io, new AbortController().signal, () => undefined);
    assert.ok(!r.ok);
    assert.equal(r.error.code, 'INTERNAL');
    assert.match(r.error.message, /ended \(code 3\) without writing result\.json: giving up without a result/);
    assert.ok(r.error.message.includes(io.logFile));
  });

  it('names a missing image and the command that builds it, and starts nothing', async () => {
    const j = job('test.absent', {});
    const placed: string[] = [];
    const r = await createDockerTarget(dockerConfig(socket, models), env).run(j, jobIo(root), new AbortController().signal, () => undefined, (h) => placed.push(h));
    assert.deepEqual(r, {
      ok: false,
      error: {
        code: 'INTERNAL',
        message: 'job "Shot 1 · keyframe" (n1): the image bmad/absent.image:1 of pipeline test.absent@1 is not on docker target "test-docker": build it with `bmad pipelines build test.absent`',
      },
    });
    assert.deepEqual(placed, []);
    assert.deepEqual(await containersOf(docker, j.key), []);
    assert.deepEqual(stagedFor(j.key), []);
  });

  it('refuses a staging folder in a shared /tmp that is not private to this user, and starts nothing', async () => {
    const tmp = fs.mkdtempSync(path.join(root, 'tmp-'));
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = tmp;
    try {
      fs.mkdirSync(stagingRoot(), { mode: 0o777 });
      fs.chmodSync(stagingRoot(), 0o777);
      const j = job('test.probe', { mode: 'inspect' });
      const r = await createDockerTarget(dockerConfig(socket, models), env).run(j, jobIo(root), new AbortController().signal, () => undefined);
      assert.ok(!r.ok);
      assert.equal(r.error.message, `job "Shot 1 · keyframe" (n1): could not lay out the job's files for its container (${stagingRoot()} is not a private folder of this user (a link, someone else's, or open to others): remove it)`);
      assert.deepEqual(await containersOf(docker, j.key), []);
      assert.deepEqual(fs.readdirSync(stagingRoot()), []);
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
  });

  it('names a models folder that does not exist', async () => {
    const missing = path.join(root, 'no-models');
    const r = await createDockerTarget(dockerConfig(socket, missing), env).run(job('test.probe', { mode: 'inspect' }), jobIo(root), new AbortController().signal, () => undefined);
    assert.deepEqual(r, { ok: false, error: { code: 'INTERNAL', message: `job "Shot 1 · keyframe" (n1): the models folder ${missing} of docker target "test-docker" does not exist` } });
  });
});
