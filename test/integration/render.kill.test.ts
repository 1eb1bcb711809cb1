import assert from 'node:assert/strict';
import path from 'node:path';
import { alive, eventually, processes, workersOf, type Proc } from '../unit/runner/procs';
import { editCanvas, jsonLines, removeAfterSuccess, spawnBmad } from './render/harness';
import { smallFilmProject } from './render/smallFilm';

/**
 * `bmad render` killed with SIGKILL while its preview workers encode: nothing it started may keep
 * running — not the workers (long-lived, so they would otherwise wait for the next job), not their
 * ffmpeg. Checked in /proc by pid, against what was running at the moment of the kill.
 */
describe('render: SIGKILL of the engine leaves no worker or ffmpeg running (real pipelines)', function () {
  this.timeout(10 * 60_000);
  const dirs: string[] = [];
  removeAfterSuccess(this, () => dirs);

  it('kills both workers and their ffmpeg', async () => {
    const dir = await smallFilmProject(3);
    dirs.push(dir);
    // Minute-long clips: an ffmpeg nobody killed would still be encoding long after the deadline below.
    editCanvas(dir, '02_Source_Creative/main.bmad', (d) => {
      for (const n of d.nodes) if (n.kind === 'video') n.params.duration = 60;
    });
    const cli = await spawnBmad(['render', '--fallback', 'preview', '--json', '--jobs', '2'], dir);
    const cache = path.join(dir, '.bmad-cache');
    const inCache = () => processes().filter((p) => p.args.some((a) => a.includes(cache)));
    let seen: { workers: Proc[]; ffmpeg: Proc[] } | undefined;
    let out = '';
    await new Promise<void>((resolve) => {
      cli.stdout!.setEncoding('utf8').on('data', (d: string) => {
        out += d;
        if (seen) return;
        // A video job's progress past 0 comes from its ffmpeg: kill while it encodes.
        const encoding = jsonLines(out).some((e) => e.type === 'progress' && e.kind === 'video' && e.value > 0);
        const ffmpeg = inCache().filter((p) => path.basename(p.args[0] ?? '') === 'ffmpeg');
        if (!encoding || !ffmpeg.length) return;
        seen = { workers: workersOf(cli.pid!), ffmpeg };
        cli.kill('SIGKILL');
      });
      cli.on('exit', () => resolve());
    });
    assert.ok(seen, `the render ended before a video was encoding:\n${out.slice(-2000)}`);
    assert.equal(cli.signalCode, 'SIGKILL');
    assert.ok(seen.workers.length >= 1, 'the render ran its jobs in preview workers');
    const started = [...seen.workers, ...seen.ffmpeg].map((p) => p.pid);
    // The workers notice at once (their stdin closes), the orphan guard within 100 ms; allow a loaded machine.
    assert.ok(await eventually(() => started.every((pid) => !alive(pid)), 5_000), `still running: ${started.filter(alive).join(', ')}`);
    assert.deepEqual(inCache(), [], 'nothing else works in the project');
  });
});
