import fs from 'node:fs';
import path from 'node:path';
import { Engine } from '../../runner/engine';
import type { Plan } from '../../runner/plan/plan';
import { ORPHAN_GUARD } from '../../runner/targets/orphanGuard';
import { LocalTarget } from '../../runner/targets/local';
import { Router } from '../../runner/targets/router';
import { readRecorded, replay } from './replay';

/**
 * Engine overhead against the bare ffmpeg work. Each ffmpeg-driven job (video, edit, output) is run
 * again through the engine with a recorder preloaded into its preview worker, and right after it,
 * exactly the ffmpeg commands it ran are run directly. Alternating job by job keeps a shared machine's
 * changing load from favouring either side. The engine's per-render work (planning, cache checks) is
 * measured once, on a run with nothing to do, and added to the engine's side; the recorder's own time
 * (copying each command's inputs aside for the replay) is taken off it, since production has none.
 */

const now = () => Number(process.hrtime.bigint()) / 1e6;

export interface Overhead {
  /** Per-render engine work plus every job's wall time as the engine saw it. */
  engineMs: number;
  directMs: number;
  perRenderMs: number;
  /** Inside the pipeline processes (record.ms), and of that inside ffmpeg. */
  targetMs: number;
  /** The recorder's own time, already taken off engineMs and targetMs. */
  instrumentMs: number;
  ffmpegMs: number;
  perKind: Map<string, { n: number; target: number; ffmpeg: number }>;
  jobs: number;
  commands: number;
}

export async function measureOverhead(cacheDir: string, planOf: () => Plan, canvas: string, preview: string, workDir: string): Promise<Overhead> {
  const recorder = path.join(__dirname, 'ffmpegRecorder.cjs');
  // Read by the recorder in the worker, which starts with the first job and keeps this environment.
  const logDir = path.join(workDir, 'logs');
  fs.mkdirSync(logDir);
  process.env.BMAD_BENCH_FFMPEG_LOG = logDir;
  process.env.BMAD_BENCH_REPLAY_DIR = path.join(workDir, 'replay');
  process.env.BMAD_BENCH_WORK_DIR = path.join(cacheDir, 'work');
  const target = new LocalTarget({ command: { cmd: process.execPath, args: ['--import', ORPHAN_GUARD, '--require', recorder, preview] }, concurrency: 1 });
  const engine = new Engine(cacheDir, new Router([target]));
  const signal = new AbortController().signal;
  const t0 = now();
  const plan = planOf();
  const byNode = new Map(plan.jobs.map((j) => [j.node.id, j]));
  await engine.run(plan.jobs, (_, id) => byNode.get(id), { signal, label: { canvas, tier: 'low' }, onEvent: () => {} });
  const perRenderMs = now() - t0;

  const o: Overhead = { engineMs: perRenderMs, directMs: 0, perRenderMs, targetMs: 0, instrumentMs: 0, ffmpegMs: 0, perKind: new Map(), jobs: 0, commands: 0 };
  for (const job of plan.jobs.filter((j) => j.kind === 'video' || j.kind === 'edit' || j.kind === 'output')) {
    let started = 0;
    let wall = 0;
    let inTarget = 0;
    const run = await engine.run(plan.jobs, (_, id) => byNode.get(id), {
      signal,
      force: new Set([job.key]),
      label: { canvas, tier: 'low' },
      onEvent: (e) => {
        if (e.type === 'start') started = now();
        if (e.type === 'done') {
          wall = now() - started;
          inTarget = e.record.ms;
        }
      },
    });
    if (run.outcomes.get(job.key)?.state !== 'done') throw new Error(`the overhead run of ${job.node.id} failed`);
    // The job's work folder is named by its key; each job is forced once, so one log is its own.
    const logs = fs.readdirSync(logDir).filter((f) => f.startsWith(job.key.slice(0, 16)));
    if (logs.length > 1) throw new Error(`more than one recorded run of ${job.node.id}: ${logs.join(', ')}`);
    const commands = logs.length ? readRecorded(path.join(logDir, logs[0]!)) : [];
    const ffmpeg = commands.reduce((s, c) => s + c.ms, 0);
    const instrument = commands.reduce((s, c) => s + c.instrumentMs, 0);
    o.engineMs += wall - instrument;
    o.directMs += await replay(commands);
    o.targetMs += inTarget - instrument;
    o.instrumentMs += instrument;
    o.ffmpegMs += ffmpeg;
    o.jobs++;
    o.commands += commands.length;
    const k = o.perKind.get(job.kind) ?? { n: 0, target: 0, ffmpeg: 0 };
    o.perKind.set(job.kind, { n: k.n + 1, target: k.target + inTarget - instrument, ffmpeg: k.ffmpeg + ffmpeg });
  }
  target.dispose();
  for (const name of ['BMAD_BENCH_FFMPEG_LOG', 'BMAD_BENCH_REPLAY_DIR', 'BMAD_BENCH_WORK_DIR']) delete process.env[name];
  return o;
}
