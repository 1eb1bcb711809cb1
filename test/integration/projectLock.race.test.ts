import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

/**
 * The render lock under real contention: 20 processes, released together by a barrier, all find a
 * lock left by a render that was killed (SIGKILL). Exactly one may take it over; every other one is
 * told that another render is running, naming a live process. Repeated over several trials.
 */

const CONTENDER = path.join(__dirname, 'projectLock/contender.ts');
const PROCESSES = 20;
const TRIALS = 10;

interface Report {
  pid: number;
  ready?: boolean;
  held?: boolean;
  busy?: string;
  released?: boolean;
  error?: string;
}

class Contender {
  readonly child: ChildProcessWithoutNullStreams;
  private readonly waiting: ((r: Report) => void)[] = [];
  private readonly queued: Report[] = [];

  constructor(cacheDir: string, mode = 'contend') {
    this.child = spawn(process.execPath, ['--require', 'tsx/cjs', CONTENDER, cacheDir, mode], { stdio: 'pipe' });
    this.child.stderr.setEncoding('utf8').on('data', (d: string) => process.stderr.write(d));
    readline.createInterface({ input: this.child.stdout }).on('line', (line) => {
      const r = JSON.parse(line) as Report;
      const w = this.waiting.shift();
      if (w) w(r);
      else this.queued.push(r);
    });
  }

  next(): Promise<Report> {
    const r = this.queued.shift();
    return r ? Promise.resolve(r) : new Promise((resolve) => this.waiting.push(resolve));
  }

  send(line: string): void {
    this.child.stdin.write(line + '\n');
  }

  exited(): Promise<number | null> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return Promise.resolve(this.child.exitCode);
    return new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
  }
}

/** A render that took the lock and was killed: its lock stays behind, naming a process that is gone. */
async function staleLockIn(cacheDir: string): Promise<number> {
  const victim = new Contender(cacheDir, 'die');
  const r = await victim.next();
  assert.equal(r.held, true, `the victim took the lock: ${JSON.stringify(r)}`);
  victim.child.kill('SIGKILL');
  await victim.exited();
  assert.ok(fs.existsSync(path.join(cacheDir, 'render.pid')), 'the killed render left its lock');
  return r.pid;
}

describe('render lock: taking over a stale lock under contention (real processes)', function () {
  this.timeout(5 * 60_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bmad-lockrace-'));
  const cacheDir = path.join(dir, '.bmad-cache');
  const contenders: Contender[] = [];

  after(async () => {
    for (const c of contenders) c.send('exit');
    await Promise.all(contenders.map((c) => c.exited()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it(`${PROCESSES} processes released at once onto a killed render's lock: exactly one holds it, ${TRIALS} times`, async () => {
    for (let i = 0; i < PROCESSES; i++) contenders.push(new Contender(cacheDir));
    for (const c of contenders) assert.equal((await c.next()).ready, true);
    const pids = new Set(contenders.map((c) => c.child.pid!));
    for (let trial = 1; trial <= TRIALS; trial++) {
      const dead = await staleLockIn(cacheDir);
      // The barrier: every contender is waiting on its stdin; one write each releases them together.
      for (const c of contenders) c.send('go');
      const reports = await Promise.all(contenders.map((c) => c.next()));
      const holders = reports.filter((r) => r.held);
      const errors = reports.filter((r) => r.error);
      assert.deepEqual(errors, [], `trial ${trial}: no contender failed otherwise`);
      assert.equal(holders.length, 1, `trial ${trial}: exactly one holder, got ${holders.length} (${holders.map((h) => h.pid).join(', ')})`);
      for (const r of reports.filter((x) => !x.held)) {
        const m = /^another render is running in this project \(pid (\d+)\); wait for it or stop it$/.exec(r.busy ?? '');
        assert.ok(m, `trial ${trial}: pid ${r.pid} was told: ${r.busy}`);
        assert.notEqual(Number(m[1]), dead, `trial ${trial}: the message names a live process, not the killed one`);
        assert.ok(pids.has(Number(m[1])), `trial ${trial}: pid ${m[1]} is one of the contenders`);
      }
      const holder = contenders.find((c) => c.child.pid === holders[0]!.pid)!;
      holder.send('release');
      assert.equal((await holder.next()).released, true);
      assert.deepEqual(fs.readdirSync(cacheDir), [], `trial ${trial}: releasing leaves no lock file behind`);
    }
  });

  it('a holder that exits with process.exit (no finally runs) leaves no lock', async () => {
    const quitter = new Contender(cacheDir, 'exit');
    assert.equal((await quitter.next()).held, true);
    assert.equal(await quitter.exited(), 3);
    assert.deepEqual(fs.readdirSync(cacheDir), []);
  });
});
