import path from 'node:path';
import { serializeDocument, setParams, type BmadDocument } from '../core';
import type { Engine, JobEvent } from './engine';
import { UserError } from './errors';
import { writeFileAtomic } from './fsAtomic';
import { readLock, writeLock } from './lock';
import { lockedPipeline } from './lockedPipeline';
import { materialize, placement, placeRender, renderName, renderPath, type Placement } from './materialize';
import type { LockNode } from './lock';
import { planCanvas, upstreamOf, type Plan, type PlannedJob } from './plan/plan';
import { canvasName, defaultTier, loadCanvas, rendersFolder, type Project } from './project';
import { insideProject } from './projectPaths';
import { sweepProjectTemps } from './projectTemps';

/**
 * Takes: the same node rendered with other seeds, to choose from. Each take is an ordinary job (the
 * seed is part of its key) materialized as `03_Renders/<canvas>/takes/<stem>.seed-<n>.<ext>`; the
 * seeds tried are listed in render.lock. Choosing one sets the node's `seed` param: an edit like any
 * other, after which `bmad render` finds that take already in the cache.
 */

export class TakeProblem extends UserError {}

export interface Take {
  readonly seed: number;
  readonly chosen: boolean;
  readonly key: string;
  readonly cached: boolean;
  readonly file: string;
}

function withSeed(doc: BmadDocument, node: string, seed: number): BmadDocument {
  const r = setParams(doc, node, { seed });
  if (!r.ok) throw new TakeProblem(r.message);
  return r.doc;
}

function seededNode(doc: BmadDocument, canvas: string, node: string): number {
  const n = doc.nodes.find((x) => x.id === node);
  if (!n) throw new TakeProblem(`no node "${node}" in ${canvas}`);
  const seed = (n.params as { seed?: unknown }).seed;
  if (typeof seed !== 'number') throw new TakeProblem(`${n.kind} node "${node}" has no seed: only image, video and audio nodes have takes`);
  return seed;
}

function jobOf(plan: Plan, node: string): PlannedJob {
  const e = plan.entries.find((x) => (x.state === 'job' ? x.job.node.id : x.node.id) === node);
  if (!e) throw new TakeProblem(`node "${node}" produces no job`);
  if (e.state !== 'job') throw new TakeProblem(`node "${node}" cannot render: ${e.reason}`);
  return e.job;
}

/** `shot-03-keyframe.seed-7.png`: the take's file name in the takes/ folder. */
const takeName = (job: PlannedJob, role: string, name: string, seed: number) => renderName({ ...job, stem: `${job.stem}.seed-${seed}` }, role, name);

export function listTakes(project: Project, canvas: string, node: string, engine: Engine): Take[] {
  const doc = loadCanvas(project, canvas);
  const chosen = seededNode(doc, canvas, node);
  const locked = readLock(project.lockFile).canvases[canvas];
  const tier = locked?.tier ?? defaultTier(project);
  const seeds = [...new Set([chosen, ...(locked?.nodes[node]?.takes ?? [])])].sort((a, b) => a - b);
  const pipeline = lockedPipeline(readLock(project.lockFile), engine.router.registry);
  return seeds.map((seed) => {
    const job = jobOf(planCanvas(project.root, canvas, withSeed(doc, node, seed), { tier, pipeline }), node);
    const rec = engine.cache.done(job.key);
    const out = rec?.outputs[0];
    const name = !out ? '(not rendered)' : seed === chosen ? renderName(job, out.role, out.name) : `takes/${takeName(job, out.role, out.name, seed)}`;
    return { seed, chosen: seed === chosen, key: job.key, cached: !!rec, file: out ? `${rendersFolder(canvas)}/${name}` : name };
  });
}

export async function addTakes(
  project: Project,
  engine: Engine,
  canvas: string,
  node: string,
  count: number,
  signal: AbortSignal,
  onEvent: (e: JobEvent) => void,
) {
  const doc = loadCanvas(project, canvas);
  const chosen = seededNode(doc, canvas, node);
  // Read (and so checked) before anything runs, as a render does; read again before it is written.
  const locked = readLock(project.lockFile).canvases[canvas];
  const tier = locked?.tier ?? defaultTier(project);
  const old = locked?.nodes[node]?.takes ?? [];
  const first = Math.max(chosen, ...old) + 1;
  const seeds = Array.from({ length: count }, (_, i) => (first + i) >>> 0);
  const pipeline = lockedPipeline(readLock(project.lockFile), engine.router.registry);
  const main = planCanvas(project.root, canvas, doc, { tier, pipeline });
  const plans = new Map<PlannedJob, Plan>();
  const jobs: PlannedJob[] = [];
  const add = (plan: Plan) => {
    for (const j of upstreamOf(plan, node)) {
      plans.set(j, plan);
      jobs.push(j);
    }
  };
  add(main);
  const takeJobs = seeds.map((seed) => {
    const plan = planCanvas(project.root, canvas, withSeed(doc, node, seed), { tier, pipeline });
    add(plan);
    return { seed, job: jobOf(plan, node) };
  });
  insideProject(project.root, rendersFolder(canvas), canvas);
  return engine.hold(async () => {
    const result = await engine.run(jobs, (job, id) => plans.get(job)!.jobs.find((j) => j.node.id === id), { signal, priority: 'interactive', onEvent, label: { canvas, tier } });
    const mainJob = jobOf(main, node);
    const mainRec = result.records.get(mainJob.key);
    const made: number[] = [];
    const at = placement(project.root, engine.cache);
    for (const { seed, job } of takeJobs) {
      const rec = result.records.get(job.key);
      if (!rec) continue;
      await materialize(at, canvasName(canvas), job, rec, 'takes', (role, name) => takeName(job, role, name, seed));
      made.push(seed);
    }
    if (mainRec) {
      const outputs = await materialize(at, canvasName(canvas), mainJob, mainRec);
      const lock = readLock(project.lockFile);
      const canvasLock = (lock.canvases[canvas] ??= { tier, nodes: {} });
      const kept = canvasLock.nodes[node]?.takes ?? [];
      canvasLock.nodes[node] = {
        kind: mainJob.kind,
        key: mainJob.key,
        pipeline: `${mainJob.pipeline.id}@${mainJob.pipeline.version}`,
        backend: mainRec.backend,
        tier: mainJob.tier,
        seed: chosen,
        outputs,
        takes: [...new Set([...kept, ...made])].filter((s) => s !== chosen).sort((a, b) => a - b),
      };
      writeLock(project.lockFile, lock);
    }
    at.index.save();
    return { seeds: made, cancelled: result.cancelled, failed: seeds.filter((s) => !made.includes(s)) };
  }, () => sweepProjectTemps(project, [canvas]));
}

/** Makes `seed` the node's chosen take: rewrites the canvas (canonically, atomically). */
export function chooseTake(project: Project, canvas: string, node: string, seed: number): void {
  const doc = loadCanvas(project, canvas);
  seededNode(doc, canvas, node);
  writeFileAtomic(path.join(project.root, canvas), serializeDocument(withSeed(doc, node, seed)));
}

/**
 * The takes a node keeps after a render: its earlier ones, plus the seed that was chosen before when
 * the seed param changed (choosing is symmetrical: the old choice becomes a take and is placed in
 * takes/ while the cache still has it). The chosen seed is never listed.
 */
export async function carryTakes(at: Placement, canvas: string, job: PlannedJob, old: LockNode | undefined): Promise<number[]> {
  if (!old || (job.node.params as { seed?: unknown }).seed === undefined) return [];
  const seeds = new Set(old.takes ?? []);
  if (old.seed !== job.seed && old.kind === job.kind) {
    seeds.add(old.seed);
    for (const o of old.outputs) {
      if (!at.cache.objects.has(o.sha256, o.size)) continue;
      await placeRender(at, canvas, renderPath(canvas, takeName(job, o.role, path.basename(o.file), old.seed), 'takes'), o.sha256);
    }
  }
  seeds.delete(job.seed);
  return [...seeds].sort((a, b) => a - b);
}
