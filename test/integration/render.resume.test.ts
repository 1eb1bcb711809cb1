import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { bmad, jsonLines, removeAfterSuccess, spawnBmad } from './render/harness';
import { smallFilmProject } from './render/smallFilm';

/** Processes still working in the project's cache after `ms` (polled), by their command lines. */
async function leftover(dir: string, ms: number): Promise<string[]> {
  const deadline = Date.now() + ms;
  for (;;) {
    const left = execFileSync('ps', ['-eo', 'stat=,args='], { encoding: 'utf8' })
      .split('\n')
      .filter((l) => l.includes(path.join(dir, '.bmad-cache')) && !l.trim().startsWith('Z'));
    if (!left.length || Date.now() > deadline) return left;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Kill -9 the real CLI in the middle of a render, while a pipeline is running: the next render
 * resumes without redoing any job the journal says finished, and nothing truncated is left anywhere.
 */
describe('render: killed with SIGKILL mid-render, resumes (real pipelines)', function () {
  this.timeout(10 * 60_000);
  const dirs: string[] = [];
  removeAfterSuccess(this, () => dirs);

  it('redoes no finished job and leaves no truncated file', async () => {
    const dir = await smallFilmProject(3);
    dirs.push(dir);
    const child = await spawnBmad(['render', '--fallback', 'preview', '--json', '--jobs', '1'], dir);
    let done = 0;
    let buf = '';
    const killed = new Promise<void>((resolve) => {
      child.stdout!.setEncoding('utf8').on('data', (d: string) => {
        buf += d;
        const lines = buf.split('\n');
        buf = lines.pop()!;
        for (const l of lines) {
          const e = l.startsWith('{') ? JSON.parse(l) : {};
          if (e.type === 'done') done++;
          // Kill while a job is running (just started), after a few have finished.
          if (e.type === 'start' && done >= 4 && child.exitCode === null) {
            setTimeout(() => child.kill('SIGKILL'), 300);
          }
        }
      });
      child.on('exit', () => resolve());
    });
    await killed;
    assert.equal(child.signalCode, 'SIGKILL', 'the render finished before it could be killed');

    // The pipeline the CLI was running must not outlive it: its guard kills its process group (ffmpeg
    // included) within a moment of noticing. Allow a few seconds on a loaded machine.
    assert.deepEqual(await leftover(dir, 5000), [], 'pipeline processes outlived the killed CLI');

    const journal = fs.readFileSync(path.join(dir, '.bmad-cache/journal.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
    const finished = new Set(journal.filter((e) => e.event === 'finished').map((e) => e.key as string));
    const started = new Set(journal.filter((e) => e.event === 'started').map((e) => e.key as string));
    assert.ok(finished.size >= 4, `only ${finished.size} jobs finished before the kill`);
    assert.ok([...started].some((k) => !finished.has(k)), 'no job was running when the CLI was killed');

    // No truncated file: every object matches its name, every record parses, no temporaries remain.
    const objects = path.join(dir, '.bmad-cache/objects');
    for (const e of fs.readdirSync(objects, { withFileTypes: true, recursive: true })) {
      if (!e.isFile()) continue;
      const h = createHash('sha256').update(fs.readFileSync(path.join(e.parentPath, e.name))).digest('hex');
      assert.equal(h, e.name, `object ${e.name} is damaged`);
    }
    const jobFiles = fs.readdirSync(path.join(dir, '.bmad-cache/jobs'));
    for (const f of jobFiles) JSON.parse(fs.readFileSync(path.join(dir, '.bmad-cache/jobs', f), 'utf8'));
    // A job's record is written before its journal line: a kill between the two leaves a whole job
    // the journal does not call finished. Its output is complete, so it must not run again either.
    const recorded = new Set(jobFiles.map((f) => f.replace(/\.json$/, '')));
    assert.deepEqual([...finished].filter((k) => !recorded.has(k)), [], 'the journal says finished but no record was kept');
    assert.ok(recorded.size - finished.size <= 1, `${recorded.size - finished.size} jobs recorded without their journal line`);
    const renders = fs.readdirSync(path.join(dir, '03_Renders'), { recursive: true }) as string[];
    assert.ok(renders.every((f) => !f.includes('.tmp-')), `temporaries in 03_Renders: ${renders.join(', ')}`);

    const r = await bmad(['render', '--fallback', 'preview', '--json'], dir);
    assert.equal(r.code, 0, r.stderr);
    const events = jsonLines(r.stdout);
    const rerun = events.filter((e) => e.type === 'start').map((e) => e.key as string);
    assert.deepEqual(rerun.filter((k) => recorded.has(k)), [], 'a finished job ran again');
    assert.deepEqual(events.filter((e) => e.type === 'cached').map((e) => e.key as string).sort(), [...recorded].sort());
    assert.equal(events.find((e) => e.type === 'resume')?.interrupted, 1);
    assert.equal(events.find((e) => e.type === 'summary')?.ok, true);
    assert.deepEqual(fs.readdirSync(path.join(dir, '.bmad-cache/work'), { recursive: true }), []);
    assert.ok(fs.existsSync(path.join(dir, '03_Renders/main/film.mp4')));
  });

  it('Ctrl+C cancels the running pipeline, keeps finished work and exits 130', async () => {
    const dir = await smallFilmProject(2);
    dirs.push(dir);
    const child = await spawnBmad(['render', '--fallback', 'preview', '--json', '--jobs', '2'], dir);
    let out = '';
    let sent = false;
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      if (!sent && jsonLines(out).some((e) => e.type === 'done') && jsonLines(out).some((e) => e.type === 'progress')) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    assert.equal(code, 130);
    const events = jsonLines(out);
    assert.ok(events.some((e) => e.type === 'cancelled'), 'a running or queued job was cancelled');
    assert.equal(events.find((e) => e.type === 'summary')?.cancelled, true);
    assert.deepEqual(await leftover(dir, 5000), []);
    assert.deepEqual(fs.readdirSync(path.join(dir, '.bmad-cache/work')), []);
    const done = events.filter((e) => e.type === 'done').map((e) => e.node).sort();
    const lock = JSON.parse(fs.readFileSync(path.join(dir, 'render.lock'), 'utf8'));
    assert.deepEqual(Object.keys(lock.canvases['02_Source_Creative/main.bmad'].nodes).sort(), done, 'finished jobs are recorded');
  });
});
