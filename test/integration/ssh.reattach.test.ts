import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { createSshTarget, type SshTarget } from '../../runner/targets/ssh/sshTarget';
import { FIXTURE_PROGRAM, localJob, progressLog, sshConfig, testEnv } from './ssh/harness';
import { sshd, type Sshd } from './ssh/sshd';
import { TcpProxy } from './ssh/tcpProxy';

/** The job lives on the host: a cut connection, a killed engine and cancel all act on that one job. */
describe('ssh target: reconnect, reattach, cancel (real sshd)', () => {
  let d: Sshd;
  let workDir: string;
  let runs: string;
  let proxy: TcpProxy;
  let proxyPort: number;
  const targets: SshTarget[] = [];

  /** A target that reaches sshd through the relay (known_hosts has the key under the relay's port). */
  const viaProxy = (graceMs = 5000): SshTarget => {
    const knownHosts = path.join(d.dir, `known_hosts-proxy-${proxyPort}`);
    fs.writeFileSync(knownHosts, `[127.0.0.1]:${proxyPort} ${d.hostKeyLine}\n`);
    const t = createSshTarget(sshConfig(d, { workDir, port: proxyPort, knownHosts }), testEnv(), {
      program: () => FIXTURE_PROGRAM,
      remoteEnv: { BMAD_FIXTURE_RUNS: runs },
      graceMs,
    });
    targets.push(t);
    return t;
  };
  const release = (handle: string): void => fs.writeFileSync(path.join(workDir, 'jobs', handle, 'release'), '');
  /** The pids that started the job with this key (one line per start). */
  const startsOf = (key: string): number[] =>
    fs.readFileSync(runs, 'utf8').split('\n').filter((l) => l.startsWith(key)).map((l) => Number(l.split(' ')[1]));
  /** Running (a zombie waiting for init to reap it has stopped running). */
  const alive = (pid: number): boolean => {
    try {
      return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
    } catch {
      return false;
    }
  };

  before(async () => {
    d = await sshd();
    workDir = fs.mkdtempSync(path.join(d.dir, 'remote-'));
    runs = path.join(workDir, 'runs.log');
    ({ proxy, port: proxyPort } = await TcpProxy.start(d.port));
  });
  after(async () => {
    for (const t of targets) t.dispose();
    await proxy.close();
  });

  it('a connection cut mid-job reconnects and follows the same job to its end: it runs once, no line twice', async () => {
    const target = viaProxy();
    const { job, io } = localJob({ lines: 2, hold: true }, { 'in.png': Buffer.from('input bytes') });
    const progress = progressLog();
    let handle = '';
    const running = target.run(job, io, new AbortController().signal, progress.on, (h) => (handle = h));
    await progress.waitFor(3); // the banner log line and 2 progress lines
    const accepted = proxy.accepted;
    proxy.cut();
    await proxy.waitForAccepted(accepted + 1);
    release(handle);
    const result = await running;
    assert.equal(result.ok, true, JSON.stringify(result));
    assert.equal(fs.readFileSync(path.join(io.outputsDir, 'echo.bin'), 'utf8'), 'input bytes7');
    assert.equal(startsOf(job.key).length, 1, 'the pipeline started once');
    assert.deepEqual(progress.lines.map((l) => (l.type === 'progress' ? `${l.value}${l.stage ?? ''}` : l.type)), ['log', '1', '2', '2released']);
  });

  it('a connection cut while the inputs upload: placed again on a new connection, the job runs once', async () => {
    const target = viaProxy();
    const input = randomBytes(30 * 1024 * 1024);
    const { job, io } = localJob({ lines: 1 }, { 'big.png': input });
    const accepted = proxy.accepted;
    const cut = proxy.cutAfter(8 * 1024 * 1024);
    const result = await target.run(job, io, new AbortController().signal, () => undefined);
    await cut;
    assert.equal(result.ok, true, JSON.stringify(result));
    assert.ok(proxy.accepted > accepted + 1, 'it connected again');
    assert.ok(fs.readFileSync(path.join(io.outputsDir, 'echo.bin')).equals(Buffer.concat([input, Buffer.from('7')])));
    assert.equal(startsOf(job.key).length, 1, 'the pipeline started once');
    const temps = fs.readdirSync(path.join(workDir, 'cas')).filter((n) => n.startsWith('.tmp-'));
    assert.ok(temps.length <= 1, `at most the cut upload's temporary is left (swept after an hour): ${temps.join(', ')}`);
  });

  it('a new engine process reattaches by the handle after the first was SIGKILLed; the job is not run twice', async () => {
    const { job, io } = localJob({ lines: 1, hold: true }, { 'in.png': Buffer.from('from the first engine') });
    const spec = path.join(io.dir, 'spec.json');
    fs.writeFileSync(spec, JSON.stringify({ config: sshConfig(d, { workDir }), job, io, runs }));
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'ssh/placeAndWait.ts'), spec], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    while (!/placed \S+\n/.test(out)) await once(child.stdout, 'data');
    const handle = /placed (\S+)\n/.exec(out)?.[1] ?? '';
    child.kill('SIGKILL');
    await once(child, 'exit');
    const target = viaProxy();
    const progress = progressLog();
    const following = target.reattach(handle, job, io, new AbortController().signal, progress.on);
    await progress.waitFor(2);
    release(handle);
    const result = await following;
    assert.equal(result?.ok, true, JSON.stringify(result));
    assert.equal(fs.readFileSync(path.join(io.outputsDir, 'echo.bin'), 'utf8'), 'from the first engine7');
    assert.equal(startsOf(job.key).length, 1, 'the pipeline started once, by the first engine');
    assert.equal(fs.existsSync(path.join(workDir, 'jobs', handle)), false, 'collected and removed');
  });

  it('cancel stops the remote process (TERM): INTERRUPTED, nothing left running', async () => {
    const target = viaProxy();
    const { job, io } = localJob({ lines: 1, hold: true });
    const progress = progressLog();
    const ctl = new AbortController();
    const running = target.run(job, io, ctl.signal, progress.on);
    await progress.waitFor(2);
    const [pid = 0] = startsOf(job.key);
    assert.ok(alive(pid), 'the pipeline runs');
    ctl.abort();
    const result = await running;
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.error.code, 'INTERRUPTED');
    assert.equal(alive(pid), false, 'the remote pipeline process is gone');
    assert.deepEqual(fs.readdirSync(io.outputsDir), [], 'no output of a cancelled job');
  });

  it('cancelled while its inputs upload, the job is never started and its folder is removed', async () => {
    const target = viaProxy();
    const input = randomBytes(30 * 1024 * 1024);
    const { job, io } = localJob({ lines: 1 }, { 'big.png': input });
    const ctl = new AbortController();
    let placed = false;
    const running = target.run(job, io, ctl.signal, () => undefined, () => (placed = true));
    await proxy.sentAtLeast(4 * 1024 * 1024);
    ctl.abort();
    const result = await running;
    assert.equal(!result.ok && result.error.code, 'INTERRUPTED', JSON.stringify(result));
    assert.equal(placed, false, 'never placed');
    assert.equal(fs.existsSync(runs) ? startsOf(job.key).length : 0, 0, 'the pipeline never started');
    const left = fs.readdirSync(path.join(workDir, 'jobs')).filter((n) => n.startsWith(job.key.slice(0, 16)));
    assert.deepEqual(left, [], 'no job folder is left');
  });

  it('cancel KILLs a program that ignores TERM once the grace period is over', async () => {
    const target = viaProxy(300);
    const { job, io } = localJob({ lines: 1, hold: true, ignoreTerm: true });
    const progress = progressLog();
    const ctl = new AbortController();
    const running = target.run(job, io, ctl.signal, progress.on);
    await progress.waitFor(2);
    const [pid = 0] = startsOf(job.key);
    ctl.abort();
    const result = await running;
    assert.equal(!result.ok && result.error.code, 'INTERRUPTED');
    assert.equal(alive(pid), false, 'the remote pipeline process was killed');
  });
});
