import assert from 'node:assert/strict';
import { execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { bmad, editCanvas, jsonLines, removeAfterSuccess, spawnBmad } from './render/harness';
import { smallFilmProject } from './render/smallFilm';

/**
 * However a render ends — done, failed, Ctrl+C once or twice — it leaves no lock behind; killed with
 * SIGKILL it does, and the next render takes that over at once. The real CLI and real pipelines.
 */

const CANVAS = '02_Source_Creative/main.bmad';

/** What the render lock leaves in the cache: the lock, takeover markers, their temporaries. */
const lockArtifacts = (dir: string): string[] =>
  fs.existsSync(path.join(dir, '.bmad-cache')) ? fs.readdirSync(path.join(dir, '.bmad-cache')).filter((f) => /render\.pid|^\.tmp-/.test(f)) : [];

/** Starts `bmad render --json`; `onEvent` sees each JSON line as it arrives. */
async function rendering(dir: string, onEvent: (e: Record<string, any>, child: ChildProcess) => void): Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }> {
  const child = await spawnBmad(['render', '--fallback', 'preview', '--json', '--jobs', '1'], dir);
  let out = '';
  let seen = 0;
  child.stdout!.setEncoding('utf8').on('data', (d: string) => {
    out += d;
    const events = jsonLines(out);
    for (const e of events.slice(seen)) onEvent(e, child);
    seen = events.length;
  });
  child.stderr!.resume();
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, out })));
}

/** Starts a render and calls `then` once its first pipeline has started. */
const whenRendering = (dir: string, then: (child: ChildProcess) => void) => {
  let fired = false;
  return rendering(dir, (e, child) => {
    if (e.type === 'start' && !fired) {
      fired = true;
      then(child);
    }
  });
};

/**
 * Process groups of the render's preview workers: each worker is a child of the CLI and leads its own
 * group, which also holds the programs it runs for a job (ffmpeg, speech).
 */
function workerGroups(cliPid: number): number[] {
  return execFileSync('ps', ['-eo', 'pid=,ppid=,pgid='], { encoding: 'utf8' })
    .split('\n')
    .map((l) => l.trim().split(/\s+/).map(Number))
    .filter(([pid, ppid, pgid]) => ppid === cliPid && pid === pgid)
    .map(([pid]) => pid!);
}

const stopped = (pid: number): boolean => {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('T');
  } catch {
    return false;
  }
};

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
    // The running worker is held stopped, so the first Ctrl+C cannot finish cancelling it (the CLI
    // waits out its grace period): the second one surely arrives while the render holds the lock.
    const held: number[] = [];
    let phase: 'running' | 'stopping' | 'interrupted' | 'twice' = 'running';
    const r = await rendering(dir, (e, child) => {
      if (phase === 'running' && e.type === 'progress') {
        const groups = workerGroups(child.pid!);
        if (!groups.length) return;
        phase = 'stopping';
        for (const g of groups) process.kill(-g, 'SIGSTOP');
        held.push(...groups);
        // SIGSTOP lands asynchronously: Ctrl+C only once the kernel says every worker is stopped.
        const interruptWhenStopped = (): void => {
          if (!groups.every(stopped)) return void setTimeout(interruptWhenStopped, 10);
          phase = 'interrupted';
          child.kill('SIGINT');
        };
        interruptWhenStopped();
      } else if (phase === 'interrupted' && e.type === 'cancelled') {
        phase = 'twice';
        child.kill('SIGINT');
      }
    });
    for (const g of held) process.kill(-g, 'SIGKILL');
    assert.equal(phase, 'twice', 'a pipeline was held and both Ctrl+C were sent');
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

  it('a render that fails (a pipeline fails, exit 1) leaves no lock', async () => {
    const voice = (v: string) => editCanvas(dir, CANVAS, (d) => (d.nodes.find((n: { id: string }) => n.id === 'mara').params.voice = v));
    const mara = JSON.parse(fs.readFileSync(path.join(dir, CANVAS), 'utf8')).nodes.find((n: { id: string }) => n.id === 'mara').params.voice;
    voice('xx-nowhere'); // eSpeak has no such language: the speech pipeline fails with BAD_PARAMS
    const r = await bmad(['render', '--fallback', 'preview'], dir);
    voice(mara);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /voice-1.*BAD_PARAMS/);
    assert.deepEqual(lockArtifacts(dir), []);
  });

  it('killed with SIGKILL, its lock stays; the next render takes it over at once and leaves none', async () => {
    const r = await whenRendering(dir, (child) => child.kill('SIGKILL'));
    assert.equal(r.signal, 'SIGKILL');
    assert.deepEqual(lockArtifacts(dir), ['render.pid']);
    const dead = Number(fs.readFileSync(path.join(dir, '.bmad-cache/render.pid'), 'utf8').split('\n')[0]);
    const next = await bmad(['render', '--fallback', 'preview'], dir);
    assert.equal(next.code, 0, next.stderr);
    assert.doesNotMatch(next.stderr, new RegExp(`pid ${dead}`));
    assert.ok(fs.existsSync(path.join(dir, '03_Renders/main/film.mp4')));
    assert.deepEqual(lockArtifacts(dir), [], 'a render that finishes leaves no lock');
  });

  it('`bmad takes --add` renders a take, records it in render.lock and leaves no lock', async () => {
    const r = await bmad(['takes', 'image-1', '--add', '1'], dir);
    assert.equal(r.code, 0, r.stderr);
    const lock = JSON.parse(fs.readFileSync(path.join(dir, 'render.lock'), 'utf8'));
    const entry = lock.canvases[CANVAS].nodes['image-1'];
    assert.deepEqual(entry.takes, [entry.seed + 1]);
    assert.ok(fs.existsSync(path.join(dir, `03_Renders/main/takes/shot-01-keyframe.seed-${entry.seed + 1}.png`)), r.stdout);
    assert.deepEqual(lockArtifacts(dir), []);
  });
});
