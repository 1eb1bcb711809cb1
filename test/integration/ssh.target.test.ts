import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSshTarget, type SshTarget } from '../../runner/targets/ssh/sshTarget';
import { FIXTURE_PROGRAM, localJob, progressLog, sha256, sshConfig, testEnv } from './ssh/harness';
import { sshd, type Sshd } from './ssh/sshd';

/**
 * The ssh target against a real sshd on loopback, jobs run as plain processes (the FIXTURE pipeline
 * in test/fixtures/ssh speaks the contract; the GPU pipelines' stand-in runs in ssh.pipeline.test.ts).
 */
describe('ssh target: run, upload by content, download checked (real sshd)', () => {
  let d: Sshd;
  let workDir: string;
  let runs: string;
  let target: SshTarget;
  const env = testEnv();

  before(async () => {
    d = await sshd();
    workDir = fs.mkdtempSync(path.join(d.dir, 'remote-'));
    runs = path.join(workDir, 'runs.log');
    target = createSshTarget(sshConfig(d, { workDir }), env, { program: () => FIXTURE_PROGRAM, remoteEnv: { BMAD_FIXTURE_RUNS: runs } });
  });
  after(() => target.dispose());

  it('runs a job on the host: progress, output downloaded and checked, logs kept, job folder removed', async () => {
    const input = randomBytes(300_000);
    const { job, io } = localJob({ lines: 4 }, { 'keyframe.png': input }, 42);
    const progress = progressLog();
    const placed: string[] = [];
    const result = await target.run(job, io, new AbortController().signal, progress.on, (h) => placed.push(h));
    const outputs = [{ name: 'echo.bin', role: 'image', mime: 'application/octet-stream' }];
    assert.deepEqual(result, { ok: true, outputs }, fs.readFileSync(io.logFile, 'utf8'));
    const out = fs.readFileSync(path.join(io.outputsDir, 'echo.bin'));
    assert.ok(out.equals(Buffer.concat([input, Buffer.from('42')])), 'the output is what the pipeline made from the uploaded input');
    assert.deepEqual(progress.lines.filter((l) => l.type === 'progress').map((l) => l.type === 'progress' && l.value), [1, 2, 3, 4, 4]);
    assert.ok(progress.lines.some((l) => l.type === 'log' && l.message.startsWith('FIXTURE pipeline')));
    const log = fs.readFileSync(io.logFile, 'utf8');
    assert.match(log, /not a progress line: goes to the job log/);
    assert.match(log, /FIXTURE stderr line/);
    assert.equal(placed.length, 1);
    assert.match(placed[0] ?? '', new RegExp(`^${job.key.slice(0, 16)}-[0-9a-f]{8}$`));
    assert.equal(fs.existsSync(path.join(workDir, 'jobs', placed[0] ?? '')), false, 'the job folder on the host is removed');
    assert.ok(fs.existsSync(path.join(workDir, 'cas', sha256(input))), 'the input stays in the host cache');
  });

  it('uploads a file the host already has by moving 0 bytes', async () => {
    const data = randomBytes(2_000_000);
    const file = path.join(d.dir, `upload-${Date.now()}.bin`);
    fs.writeFileSync(file, data);
    const { files } = await target.host.session();
    const before = target.host.stats.bytesUp;
    const remote = await files.putInCas(file, sha256(data));
    assert.equal(target.host.stats.bytesUp - before, data.length, 'the first upload moves the file');
    const inode = fs.statSync(remote).ino;
    assert.equal(fs.statSync(remote).mode & 0o777, 0o444, 'the cache copy is read-only');
    const again = target.host.stats.bytesUp;
    const skipped = target.host.stats.skipped;
    assert.equal(await files.putInCas(file, sha256(data)), remote);
    assert.equal(target.host.stats.bytesUp - again, 0, 'the second upload moves 0 bytes');
    assert.equal(target.host.stats.skipped - skipped, 1);
    assert.equal(fs.statSync(remote).ino, inode, 'the cached file was not rewritten');
    assert.ok(fs.readFileSync(remote).equals(data));
    assert.deepEqual(fs.readdirSync(path.dirname(remote)).filter((n) => n.startsWith('.tmp-')), [], 'no temporary left');
  });

  it('a large file (hashed on a worker thread as it streams) arrives intact; one that is not its sha256 is refused', async () => {
    const data = randomBytes(40 * 1024 * 1024 + 123);
    const file = path.join(d.dir, `large-${Date.now()}.bin`);
    fs.writeFileSync(file, data);
    const { files } = await target.host.session();
    const remote = await files.putInCas(file, sha256(data));
    assert.ok(fs.readFileSync(remote).equals(data));
    const wrong = sha256('something else');
    await assert.rejects(files.putInCas(file, wrong), /changed while it was uploaded/);
    assert.equal(fs.existsSync(path.join(workDir, 'cas', wrong)), false);
    assert.deepEqual(fs.readdirSync(path.join(workDir, 'cas')).filter((n) => n.startsWith('.tmp-')), [], 'the temporary is removed');
  });

  it("sweeps an upload's temporary left for an hour or more in the host cache when it connects", async () => {
    const cas = path.join(workDir, 'cas');
    const old = path.join(cas, '.tmp-0123456789ab-old');
    const recent = path.join(cas, '.tmp-0123456789ab-recent');
    fs.writeFileSync(old, 'cut upload');
    fs.writeFileSync(recent, 'upload under way');
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    fs.utimesSync(old, twoHoursAgo, twoHoursAgo);
    const other = createSshTarget(sshConfig(d, { workDir }), env);
    await other.host.session();
    other.dispose();
    assert.equal(fs.existsSync(old), false);
    assert.equal(fs.existsSync(recent), true, 'a temporary that may still be written stays');
    fs.rmSync(recent);
  });

  it('a second job with the same input uploads none of it', async () => {
    const input = randomBytes(500_000);
    const first = localJob({ lines: 1 }, { 'a.png': input });
    assert.equal((await target.run(first.job, first.io, new AbortController().signal, () => undefined)).ok, true);
    const skipped = target.host.stats.skipped;
    const uploaded = target.host.stats.uploaded;
    const second = localJob({ lines: 1 }, { 'b.png': input }, 8);
    assert.equal((await target.run(second.job, second.io, new AbortController().signal, () => undefined)).ok, true);
    assert.equal(target.host.stats.uploaded - uploaded, 0, 'neither the input nor the program was uploaded again');
    assert.equal(target.host.stats.skipped - skipped, 2, 'the input and the program file were found in the cache');
  });

  it('refuses an input whose bytes are not the sha256 the job names, and caches nothing', async () => {
    const { job, io } = localJob({ lines: 1 }, { 'x.png': Buffer.from('real bytes') });
    fs.writeFileSync(path.join(io.inputsDir, 'x.png'), 'other bytes');
    const result = await target.run(job, io, new AbortController().signal, () => undefined);
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.error.message : '', /changed while it was uploaded/);
    assert.equal(fs.existsSync(path.join(workDir, 'cas', job.inputs[0]?.sha256 ?? '')), false);
  });

  it("returns the pipeline's own failure, and no output", async () => {
    const { job, io } = localJob({ lines: 1, fail: true });
    const result = await target.run(job, io, new AbortController().signal, () => undefined);
    assert.deepEqual(result, { ok: false, error: { code: 'BAD_PARAMS', message: 'FIXTURE pipeline: params.fail was set' } });
    assert.deepEqual(fs.readdirSync(io.outputsDir), []);
  });

  it('a work folder written with ~ is below the login folder on the host', async () => {
    const name = `bmad-ssh-test-${process.pid}-${Date.now()}`;
    const t = createSshTarget(sshConfig(d, { workDir: `~/${name}` }), env);
    try {
      assert.equal((await t.host.session()).files.workDir, path.join(os.homedir(), name));
      assert.ok(fs.existsSync(path.join(os.homedir(), name, 'cas')));
    } finally {
      t.dispose();
      fs.rmSync(path.join(os.homedir(), name), { recursive: true, force: true });
    }
  });

  it('probe: no GPU here (nvidia-smi absent), runs container pipelines as processes', async () => {
    assert.deepEqual(await target.probe(new AbortController().signal), { gpus: [], backends: ['container'] });
  });

  it('reattach of a job the host does not have says so (the engine then runs it again)', async () => {
    const { job, io } = localJob({ lines: 1 });
    assert.equal(await target.reattach('0123456789abcdef-01234567', job, io, new AbortController().signal, () => undefined), undefined);
    assert.equal(await target.reattach('../../etc', job, io, new AbortController().signal, () => undefined), undefined);
  });
});
