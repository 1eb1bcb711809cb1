import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { bmad, jsonLines, removeAfterSuccess, spawnBmad } from './render/harness';
import { smallFilmProject } from './render/smallFilm';

/**
 * However a render ends — done, failed, Ctrl+C once or twice — it leaves no lock behind; killed with
 * SIGKILL it does, and the next render takes that over at once. The real CLI and real pipelines.
 */

/** What the render lock leaves in the cache: the lock, takeover markers, their temporaries. */
const lockArtifacts = (dir: string): string[] =>
  fs.existsSync(path.join(dir, '.bmad-cache')) ? fs.readdirSync(path.join(dir, '.bmad-cache')).filter((f) => /render\.pid|^\.tmp-/.test(f)) : [];

/**
 * Starts `bmad render --json` and calls `then` with the child once the first pipeline has started,
 * and `cancelling` once the CLI has reported a cancelled job (so it has seen the first Ctrl+C).
 */
async function whenRendering(dir: string, then: (child: ChildProcess) => void, cancelling?: (child: ChildProcess) => void): Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }> {
  const child = await spawnBmad(['render', '--json', '--jobs', '1'], dir);
  let out = '';
  let started = false;
  let cancelled = false;
  child.stdout!.setEncoding('utf8').on('data', (d: string) => {
    out += d;
    if (!started && jsonLines(out).some((e) => e.type === 'start')) {
      started = true;
      then(child);
    }
    if (cancelling && !cancelled && jsonLines(out).some((e) => e.type === 'cancelled')) {
      cancelled = true;
      cancelling(child);
    }
  });
  child.stderr!.resume();
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, out })));
}

describe('render lock: no lock is left behind by a render that ends (real pipelines)', function () {
  this.timeout(10 * 60_000);
  const dirs: string[] = [];
  removeAfterSuccess(this, () => dirs);
  let dir = '';

  before(async () => {
    dir = await smallFilmProject(1);
    dirs.push(dir);
  });

  it('Ctrl+C twice (the CLI exits at once, skipping its cleanup) leaves no lock', async () => {
    const r = await whenRendering(
      dir,
      (child) => child.kill('SIGINT'),
      (child) => child.kill('SIGINT'),
    );
    assert.equal(r.code, 130);
    assert.ok(!jsonLines(r.out).some((e) => e.type === 'summary'), 'the second Ctrl+C ended it before its summary');
    assert.deepEqual(lockArtifacts(dir), []);
  });

  it('Ctrl+C once (cancelled cleanly) leaves no lock', async () => {
    const r = await whenRendering(dir, (child) => child.kill('SIGINT'));
    assert.equal(r.code, 130);
    assert.equal(jsonLines(r.out).find((e) => e.type === 'summary')?.cancelled, true);
    assert.deepEqual(lockArtifacts(dir), []);
  });

  it('a render that fails after taking the lock leaves no lock', async () => {
    const r = await bmad(['render', '--node', 'n_nothere'], dir);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /no generating node "n_nothere"/);
    assert.deepEqual(lockArtifacts(dir), []);
  });

  it('killed with SIGKILL, its lock stays; the next render takes it over at once and leaves none', async () => {
    const r = await whenRendering(dir, (child) => child.kill('SIGKILL'));
    assert.equal(r.signal, 'SIGKILL');
    assert.deepEqual(lockArtifacts(dir), ['render.pid']);
    const dead = Number(fs.readFileSync(path.join(dir, '.bmad-cache/render.pid'), 'utf8').split('\n')[0]);
    const next = await bmad(['render'], dir);
    assert.equal(next.code, 0, next.stderr);
    assert.doesNotMatch(next.stderr, new RegExp(`pid ${dead}`));
    assert.ok(fs.existsSync(path.join(dir, '03_Renders/main/film.mp4')));
    assert.deepEqual(lockArtifacts(dir), [], 'a render that finishes leaves no lock');
  });
});
