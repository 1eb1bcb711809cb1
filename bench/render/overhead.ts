import fs from 'node:fs';
import path from 'node:path';
import { Engine } from '../../runner/engine';
import type { Plan } from '../../runner/plan/plan';
import { ORPHAN_GUARD } from '../../runner/targets/childProcess';
import { LocalTarget } from '../../runner/targets/local';
import { readRecorded, replay } from './replay';

/**
 * Engine overhead against the bare ffmpeg work. Each ffmpeg-driven job (video, edit, output) is run
 * again through the engine with a recorder preloaded into its pipeline process, and right after it,
 * exactly the ffmpeg commands it ran are run directly. Alternating job by job keeps a shared machine's
 * changing load from favouring either side. The engine's per-render work (planning, cache checks) is
 * measured once, on a run with nothing to do, and added to the engine's side.
 */

const now = () => Number(process.hrtime.bigint()) / 1e6;

export interface Overhead {
  /** Per-render engine work plus every job's wall time as the engine saw it. */
  engineMs: number;
  directMs: number;
  perRenderMs: number;
  /** Inside the pipeline processes (record.ms), and of that inside ffmpeg. */
  targetMs: number;
  ffmpegMs: number;
  perKind: Map<string, { n: number; target: number; ffmpeg: number }>;
  jobs: number;
  commands: number;
}

export async function measureOverhead(cacheDir: string, planOf: () => Plan, canvas: string, preview: string, workDir: string): Promise<Overhead> {
  const recorder = path.join(__dirname, 'ffmpegRecorder.cjs');
  const engine = new Engine(cacheDir, new LocalTarget({ command: { cmd: process.execPath, args: ['--import', ORPHAN_GUARD, '--require', recorder, preview] }, concurrency: 1 }));
  const signal = new AbortController().signal;
  const t0 = now();
  const plan = planOf();
  const byNode = new Map(plan.jobs.map((j) => [j.node.id, j]));
  await engine.run(plan.jobs, (_, id) => byNode.get(id), { signal, label: { canvas, tier: 'low' }, onEvent: () => {} });
  const perRenderMs = now() - t0;

  const o: Overhead = { engineMs: perRenderMs, directMs: 0, perRenderMs, targetMs: 0, ffmpegMs: 0, perKind: new Map(), jobs: 0, commands: 0 };
  for (const job of plan.jobs.filter((j) => j.kind === 'video' || j.kind === 'edit' || j.kind === 'output')) {
    const log = path.join(workDir, `${job.node.id}.jsonl`);
    process.env.BMAD_BENCH_FFMPEG_LOG = log;
    process.env.BMAD_BENCH_REPLAY_DIR = path.join(workDir, job.node.id);
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
    delete process.env.BMAD_BENCH_FFMPEG_LOG;
    if (run.outcomes.get(job.key)?.state !== 'done') throw new Error(`the overhead run of ${job.node.id} failed`);
    const commands = fs.existsSync(log) ? readRecorded(log) : [];
    const ffmpeg = commands.reduce((s, c) => s + c.ms, 0);
    o.engineMs += wall;
    o.directMs += await replay(commands);
    o.targetMs += inTarget;
    o.ffmpegMs += ffmpeg;
    o.jobs++;
    o.commands += commands.length;
    const k = o.perKind.get(job.kind) ?? { n: 0, target: 0, ffmpeg: 0 };
    o.perKind.set(job.kind, { n: k.n + 1, target: k.target + inTarget, ffmpeg: k.ffmpeg + ffmpeg });
  }
  return o;
}
