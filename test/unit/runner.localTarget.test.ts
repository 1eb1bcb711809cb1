import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { JobResult, JobSpec, ProgressLine } from '../../core/contract';
import { LocalTarget } from '../../runner/targets/local';
import { alive, eventually, processes, workersOf } from './runner/procs';

/**
 * The local target's side of the worker protocol and the pipeline contract, against workers that
 * misbehave on purpose. These are STAND-INS (written below as standin-*.mjs): the real preview worker
 * never emits garbage or ignores a cancel, so the only way to test that the engine survives it is a
 * program that does. Each stand-in speaks the protocol of core/workerProtocol.ts; `body` runs per job
 * with `id`, `dir`, `emit(line)`, `done(code)`, and may set `onCancel`.
 */

const job: JobSpec = {
  contract: 1,
  key: 'e'.repeat(64),
  pipeline: { id: 'preview.image', version: 1 },
  tier: 'low',
  format: { width: 854, height: 480, fps: 12 },
  node: { id: 'n_img', kind: 'image', label: 'Keyframe' },
  seed: 1,
  params: {},
  inputs: [],
};

const PRELUDE = `import fs from 'node:fs';
import { spawn } from 'node:child_process';
import readline from 'node:readline';
const send = (m) => process.stdout.write(JSON.stringify(m) + '\\n');
let onCancel = () => {};
send({ type: 'ready', protocol: 1 });
readline.createInterface({ input: process.stdin }).on('line', async (text) => {
  const m = JSON.parse(text);
  if (m.type === 'cancel') return onCancel(m.id);
  const { id, dir } = m;
  const emit = (line) => send({ type: 'line', id, line });
  const done = (code) => send({ type: 'done', id, code });
  const ok = (name = 'a.png') => {
    fs.writeFileSync(dir + '/outputs/' + name, 'x');
    fs.writeFileSync(dir + '/result.json', JSON.stringify({ ok: true, outputs: [{ name, role: 'image', mime: 'image/png' }] }));
  };
  emit({ type: 'log', message: 'pid ' + process.pid });
`;

const targets: LocalTarget[] = [];
const temps: string[] = [];
afterEach(() => targets.splice(0).forEach((t) => t.dispose()));
after(() => temps.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function standinFile(name: string, body: string, plain = false): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bmad-standin-'));
  temps.push(dir);
  const file = path.join(dir, `standin-${name}.mjs`);
  fs.writeFileSync(file, plain ? body : `${PRELUDE}${body}\n});\n`);
  return file;
}

function standin(name: string, body: string, o: { graceMs?: number; plain?: boolean } = {}): LocalTarget {
  const file = standinFile(name, body, o.plain);
  const t = new LocalTarget({ command: { cmd: process.execPath, args: [file] }, graceMs: o.graceMs ?? 300, concurrency: 1 });
  targets.push(t);
  return t;
}

function io(marker?: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bmad-job-'));
  temps.push(dir);
  fs.mkdirSync(path.join(dir, 'outputs'));
  if (marker) fs.writeFileSync(path.join(dir, marker), '');
  return { dir, inputsDir: path.join(dir, 'inputs'), outputsDir: path.join(dir, 'outputs'), logFile: path.join(dir, 'log.txt') };
}

interface Ran {
  r: JobResult;
  log: string;
  lines: ProgressLine[];
  /** The worker's pid, as it logged it. */
  pid: number | undefined;
}

async function run(t: LocalTarget, o: { signal?: AbortSignal; marker?: string; onLine?: (l: ProgressLine) => void } = {}): Promise<Ran> {
  const i = io(o.marker);
  const lines: ProgressLine[] = [];
  const r = await t.run(job, i, o.signal ?? new AbortController().signal, (l) => {
    lines.push(l);
    o.onLine?.(l);
  });
  const pidLine = lines.find((l) => l.type === 'log' && l.message.startsWith('pid '));
  const pid = pidLine?.type === 'log' ? Number(pidLine.message.slice(4)) : undefined;
  return { r, log: fs.existsSync(i.logFile) ? fs.readFileSync(i.logFile, 'utf8') : '', lines, pid };
}

const message = (r: JobResult) => (r.ok ? '' : r.error.message);

describe('runner: local target (stand-in workers)', () => {
  it('passes job.json, parses progress lines and logs the bad ones and stray output without failing', async () => {
    const t = standin(
      'chatty',
      `const j = JSON.parse(fs.readFileSync(dir + '/job.json', 'utf8'));
       emit({ type: 'progress', value: 1, max: 2 });
       console.log('not json at all'); emit({ type: 'progress', value: -1, max: 0 });
       console.error('a warning on stderr');
       emit({ type: 'log', message: 'node ' + j.node.id });
       ok(); done(0);`,
    );
    const { r, lines, log } = await run(t);
    assert.equal(r.ok, true);
    assert.deepEqual(lines.slice(1), [{ type: 'progress', value: 1, max: 2 }, { type: 'log', level: 'info', message: 'node n_img' }]);
    assert.match(log, /\[stdout, not a worker message\] not json at all/);
    assert.match(log, /\[stdout, not a progress line\] \{"type":"progress","value":-1/);
  });

  it('runs job after job in one worker', async () => {
    const t = standin('steady', `ok(); done(0);`);
    const pids = [];
    for (let i = 0; i < 4; i++) {
      const { r, pid } = await run(t);
      assert.equal(r.ok, true);
      pids.push(pid);
    }
    assert.equal(new Set(pids).size, 1, `one worker served every job: ${pids.join(', ')}`);
    assert.deepEqual(workersOf(process.pid).map((p) => p.pid), [pids[0]]);
  });

  it('no result.json, or one that breaks the contract, is INTERNAL naming the job', async () => {
    const t = standin(
      'sloppy',
      `const what = fs.readdirSync(dir).find((f) => f.startsWith('case-'));
       if (what === 'case-none') { console.error('lost my way'); return done(1); }
       if (what === 'case-bad') fs.writeFileSync(dir + '/result.json', JSON.stringify({ ok: true, outputs: [] }));
       if (what === 'case-garbled') fs.writeFileSync(dir + '/result.json', '{"ok": tru');
       if (what === 'case-liar') { ok(); return done(1); }
       done(0);`,
    );
    const none = await run(t, { marker: 'case-none' });
    assert.equal(!none.r.ok && none.r.error.code, 'INTERNAL');
    assert.match(message(none.r), /^job "Keyframe" \(n_img\): the pipeline ended \(code 1\) without writing result\.json: lost my way/);
    assert.match(message((await run(t, { marker: 'case-bad' })).r), /^job "Keyframe" \(n_img\): result\.json does not follow the contract \(outputs: /);
    assert.match(message((await run(t, { marker: 'case-garbled' })).r), /result\.json is not JSON/);
    assert.match(message((await run(t, { marker: 'case-liar' })).r), /says ok but the pipeline ended with code 1/);
  });

  it('a pipeline error is passed through with its code', async () => {
    const { r } = await run(standin('refuses', `fs.writeFileSync(dir + '/result.json', JSON.stringify({ ok: false, error: { code: 'BAD_PARAMS', message: 'params.steps: too many' } })); done(1);`));
    assert.deepEqual(r, { ok: false, error: { code: 'BAD_PARAMS', message: 'params.steps: too many' } });
  });

  it('a job that kills its worker fails alone, with the reason; the next job gets a new worker', async () => {
    const t = standin('fragile', `if (fs.existsSync(dir + '/crash')) { console.error('segfault-ish'); process.exit(3); } ok(); done(0);`);
    const before = await run(t);
    const crash = await run(t, { marker: 'crash' });
    const after = await run(t);
    assert.equal(before.r.ok, true);
    assert.equal(!crash.r.ok && crash.r.error.code, 'INTERNAL');
    assert.match(message(crash.r), /^job "Keyframe" \(n_img\): the preview worker died \(code 3\) while running it: segfault-ish \(log: /);
    assert.equal(crash.pid, before.pid, 'the crash happened in the worker that ran the first job');
    assert.equal(after.r.ok, true);
    assert.notEqual(after.pid, before.pid, 'a new worker ran the next job');
  });

  it('a program that is not a worker fails the job, saying it died before it was ready', async () => {
    const t = standin('oneshot', `process.stderr.write('usage: standin <jobDir>\\n'); process.exit(2);`, { plain: true });
    const { r } = await run(t);
    assert.match(message(r), /the preview worker died \(code 2\) before it was ready: usage: standin <jobDir>/);
  });

  it('cancel stops the job; a worker that stops in time runs the next job', async () => {
    const t = standin(
      'obedient',
      `if (fs.existsSync(dir + '/quick')) { ok(); return done(0); }
       const sleeper = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
       emit({ type: 'log', message: 'child ' + sleeper.pid });
       sleeper.on('exit', (code, signal) => {
         emit({ type: 'log', message: 'child ended by ' + signal });
         fs.writeFileSync(dir + '/result.json', JSON.stringify({ ok: false, error: { code: 'INTERRUPTED', message: 'stopped' } }));
         done(143);
       });
       onCancel = () => sleeper.kill('SIGTERM');
       emit({ type: 'progress', value: 0, max: 1 });`,
    );
    const ac = new AbortController();
    const cancelled = await run(t, { signal: ac.signal, onLine: (l) => l.type === 'progress' && ac.abort() });
    assert.deepEqual(cancelled.r, { ok: false, error: { code: 'INTERRUPTED', message: 'job "Keyframe" (n_img) was cancelled' } });
    const child = Number(cancelled.lines.flatMap((l) => (l.type === 'log' && l.message.startsWith('child ') ? [l.message.slice(6)] : []))[0]);
    assert.ok(await eventually(() => !alive(child)), 'the job\'s child is gone');
    assert.ok(cancelled.lines.some((l) => l.type === 'log' && l.message === 'child ended by SIGTERM'), 'the child got SIGTERM');
    const next = await run(t, { marker: 'quick' });
    assert.equal(next.r.ok, true);
    assert.equal(next.pid, cancelled.pid, 'the worker that stopped in time is kept');
  });

  it('cancel SIGKILLs the group of a worker that does not stop, after the grace period', async () => {
    const t = standin(
      'stubborn',
      `const sleeper = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
       emit({ type: 'log', message: 'child ' + sleeper.pid });
       onCancel = () => emit({ type: 'log', message: 'ignoring the cancel' });
       emit({ type: 'progress', value: 0, max: 1 });`,
    );
    const ac = new AbortController();
    const { r, lines, pid } = await run(t, { signal: ac.signal, onLine: (l) => l.type === 'progress' && ac.abort() });
    assert.deepEqual(r, { ok: false, error: { code: 'INTERRUPTED', message: 'job "Keyframe" (n_img) was cancelled' } });
    assert.ok(lines.some((l) => l.type === 'log' && l.message === 'ignoring the cancel'), 'the cancel reached the worker before it was killed');
    const child = Number(lines.flatMap((l) => (l.type === 'log' && l.message.startsWith('child ') ? [l.message.slice(6)] : []))[0]);
    assert.ok(await eventually(() => !alive(pid!) && !alive(child)), 'the worker and its child were killed');
    assert.deepEqual(processes().filter((p) => p.pgid === pid), [], 'nothing is left in its process group');
  });

  it('dispose ends idle workers', async () => {
    const t = standin('idle', `ok(); done(0);`);
    const { pid } = await run(t);
    assert.ok(alive(pid!));
    t.dispose();
    assert.ok(await eventually(() => !alive(pid!)), 'the idle worker exited');
  });

  it('an idle worker does not keep the engine\'s process alive, and goes when it exits', async () => {
    const file = standinFile('short', `ok(); done(0);`);
    const engine = `const { LocalTarget } = require(${JSON.stringify(path.resolve(__dirname, '../../runner/targets/local'))});
      const fs = require('node:fs'); const dir = ${JSON.stringify(io().dir)};
      const t = new LocalTarget({ command: { cmd: process.execPath, args: [${JSON.stringify(file)}] }, concurrency: 1 });
      let pid;
      t.run(${JSON.stringify(job)}, { dir, inputsDir: dir + '/inputs', outputsDir: dir + '/outputs', logFile: dir + '/log.txt' },
        new AbortController().signal, (l) => l.type === 'log' && l.message.startsWith('pid ') && (pid = Number(l.message.slice(4))))
        .then((r) => console.log(JSON.stringify({ ok: r.ok, pid })));`;
    const child = spawn(process.execPath, ['-r', 'tsx/cjs', '-e', engine], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    // Were the idle worker holding the engine's event loop, this would wait for the idle time-out (60 s).
    const code = await new Promise((resolve) => child.on('close', resolve));
    assert.equal(code, 0);
    const { ok, pid } = JSON.parse(out) as { ok: boolean; pid: number };
    assert.equal(ok, true);
    assert.ok(await eventually(() => !alive(pid)), 'the worker went with the engine');
  });
});
