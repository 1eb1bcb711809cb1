import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { JobSpec, ProgressLine } from '../../core/contract';
import { LocalTarget } from '../../runner/targets/local';

/**
 * The local target's side of the contract, against pipelines that misbehave on purpose. These are
 * STAND-INS (written below as standin-*.mjs): the real preview pipelines never emit garbage, so the
 * only way to test that the engine survives it is a program that does.
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

function standin(name: string, body: string): LocalTarget {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bmad-standin-'));
  const file = path.join(dir, `standin-${name}.mjs`);
  fs.writeFileSync(file, `import fs from 'node:fs';\nconst dir = process.argv[2];\n${body}\n`);
  return new LocalTarget({ command: { cmd: process.execPath, args: [file] }, graceMs: 300 });
}

function io() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bmad-job-'));
  fs.mkdirSync(path.join(dir, 'outputs'));
  return { dir, inputsDir: path.join(dir, 'inputs'), outputsDir: path.join(dir, 'outputs'), logFile: path.join(dir, 'log.txt') };
}

const run = (t: LocalTarget, signal = new AbortController().signal, lines: ProgressLine[] = []) => {
  const i = io();
  return t.run(job, i, signal, (l) => lines.push(l)).then((r) => ({ r, log: fs.existsSync(i.logFile) ? fs.readFileSync(i.logFile, 'utf8') : '', i }));
};

describe('runner: local target (stand-in pipelines)', () => {
  it('passes job.json, parses progress lines and logs the bad ones without failing', async () => {
    const lines: ProgressLine[] = [];
    const t = standin(
      'chatty',
      `const j = JSON.parse(fs.readFileSync(dir + '/job.json', 'utf8'));
       console.log(JSON.stringify({ type: 'progress', value: 1, max: 2 }));
       console.log('not json at all'); console.log('{"type":"progress","value":-1,"max":0}');
       console.log(JSON.stringify({ type: 'log', message: 'node ' + j.node.id }));
       fs.writeFileSync(dir + '/outputs/a.png', 'x');
       fs.writeFileSync(dir + '/result.json', JSON.stringify({ ok: true, outputs: [{ name: 'a.png', role: 'image', mime: 'image/png' }] }));`,
    );
    const { r, log } = await run(t, undefined, lines);
    assert.equal(r.ok, true);
    assert.deepEqual(lines, [{ type: 'progress', value: 1, max: 2 }, { type: 'log', level: 'info', message: 'node n_img' }]);
    assert.match(log, /\[stdout, not a progress line\] not json at all/);
    assert.match(log, /\[stdout, not a progress line\] \{"type":"progress","value":-1/);
  });

  it('no result.json, or one that breaks the contract, is INTERNAL naming the job', async () => {
    const crash = await run(standin('crash', `console.error('segfault-ish'); process.exit(3);`));
    assert.deepEqual(crash.r.ok, false);
    assert.match(!crash.r.ok ? crash.r.error.message : '', /^job "Keyframe" \(n_img\): the pipeline exited \(code 3\) without writing result\.json: segfault-ish/);
    assert.equal(!crash.r.ok && crash.r.error.code, 'INTERNAL');
    const bad = await run(standin('bad', `fs.writeFileSync(dir + '/result.json', JSON.stringify({ ok: true, outputs: [] }));`));
    assert.match(!bad.r.ok ? bad.r.error.message : '', /^job "Keyframe" \(n_img\): result\.json does not follow the contract \(outputs: /);
    const garbled = await run(standin('garbled', `fs.writeFileSync(dir + '/result.json', '{"ok": tru');`));
    assert.match(!garbled.r.ok ? garbled.r.error.message : '', /result\.json is not JSON/);
    const liar = await run(standin('liar', `fs.writeFileSync(dir + '/result.json', JSON.stringify({ ok: true, outputs: [{ name: 'a', role: 'image', mime: 'x' }] })); process.exit(1);`));
    assert.match(!liar.r.ok ? liar.r.error.message : '', /says ok but the pipeline exited with code 1/);
  });

  it('a pipeline error is passed through with its code', async () => {
    const { r } = await run(standin('refuses', `fs.writeFileSync(dir + '/result.json', JSON.stringify({ ok: false, error: { code: 'BAD_PARAMS', message: 'params.steps: too many' } })); process.exit(1);`));
    assert.deepEqual(r, { ok: false, error: { code: 'BAD_PARAMS', message: 'params.steps: too many' } });
  });

  it('cancel sends SIGTERM, then SIGKILL after the grace period to one that ignores it', async () => {
    const t = standin('stubborn', `process.on('SIGTERM', () => console.log(JSON.stringify({ type: 'log', message: 'ignoring SIGTERM' }))); console.log('{"type":"progress","value":0,"max":1}'); setInterval(() => {}, 1000);`);
    const ac = new AbortController();
    const lines: ProgressLine[] = [];
    const started = Date.now();
    const p = run(t, ac.signal, lines);
    while (!lines.length) await new Promise((r) => setTimeout(r, 10));
    ac.abort();
    const { r } = await p;
    assert.deepEqual(r, { ok: false, error: { code: 'INTERRUPTED', message: 'job "Keyframe" (n_img) was cancelled' } });
    assert.ok(lines.some((l) => l.type === 'log' && l.message === 'ignoring SIGTERM'), 'SIGTERM came first');
    assert.ok(Date.now() - started >= 300, 'SIGKILL waited for the grace period');
  });
});
