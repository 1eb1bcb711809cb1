import type { BmadDocument, Tier } from '../core';
import { Engine, type JobEvent } from './engine';
import { UserError } from './errors';
import { readLock, type LockNode } from './lock';
import { refText } from './pipelines/registry';
import { planCanvas, upstreamOf, type ChoosePipeline, type Plan, type PlannedJob } from './plan/plan';
import { defaultTier, loadCanvas, rendersFolder, type Project } from './project';
import { insideProject } from './projectPaths';
import { sweepProjectTemps } from './projectTemps';
import { recordRender } from './record';
import type { Priority } from './scheduler';
import { NoTargetFits, type Unfit } from './targets/router';

/**
 * `bmad render` as a library (the extension calls this too): plan each canvas, run what the cache
 * lacks, then record every finished node in render.lock and materialize it in 03_Renders. Work that
 * finished is recorded even when another node failed or the run was cancelled.
 */

export type RenderEvent =
  | { type: 'plan'; canvas: string; plan: Plan }
  /** No target could run these pipelines; their nodes are made by the preview instead (`fallback`). */
  | { type: 'fallback'; unfit: readonly Unfit[] }
  | { type: 'resume'; interrupted: number }
  | ({ canvas: string } & JobEvent)
  | { type: 'materialized'; canvas: string; files: string[]; removed: string[] };

export interface RenderOptions {
  readonly canvases: readonly string[];
  readonly tier?: Tier;
  /** Only this node and what it needs; runs ahead of batch work. */
  readonly node?: string;
  readonly force?: boolean;
  readonly signal: AbortSignal;
  readonly onEvent?: (e: RenderEvent) => void;
  /** Where the tier comes from when none is given: the lock's (regenerate) or the project's default. */
  readonly tierFromLock?: boolean;
  /** Only nodes this accepts (and what they need); all by default. */
  readonly select?: (canvas: string, nodeId: string) => boolean;
  /** False for `regenerate`, which checks the lock and must not rewrite it. */
  readonly writeLock?: boolean;
  /** The canvas's document instead of its file: the editor renders its unsaved text. */
  readonly load?: (canvas: string) => BmadDocument;
  /** Scheduling priority; by default interactive with `node`, else batch. */
  readonly priority?: Priority;
  /**
   * When no target can run a pipeline the render needs: stop with NoTargetFits (the default), or make
   * those nodes with the preview pipeline of their kind, under its own id (so a different job key):
   * always ('preview'), or when asked and answered true (the editor asks the person).
   */
  readonly fallback?: 'preview' | ((unfit: readonly Unfit[]) => Promise<boolean>);
  /** The pipeline of each job; by default the registry's choice for its kind and tier (regenerate: the lock's). */
  readonly pipeline?: ChoosePipeline;
}

/** A node the render wanted and did not make: it failed, was skipped for one that did, or needs input. */
export interface NodeFailure {
  readonly canvas: string;
  readonly node: string;
  readonly kind: string;
  readonly label: string;
  readonly state: 'failed' | 'skipped' | 'needs-input';
  readonly reason: string;
}

export interface RenderSummary {
  readonly ok: boolean;
  readonly cancelled: boolean;
  /** `canvas#node` of every job that ran a pipeline in this render. */
  readonly ran: string[];
  readonly cached: number;
  readonly failures: NodeFailure[];
  readonly plans: Plan[];
  readonly lockChanged: boolean;
  readonly interrupted: number;
  /** What render.lock now says (or would say) for each node rendered or cached: `canvas#node` → entry. */
  readonly recorded: Map<string, LockNode>;
}

interface Planned {
  readonly plans: Plan[];
  readonly failures: NodeFailure[];
  /** The selected jobs of every canvas, each canvas upstream first. */
  readonly jobs: PlannedJob[];
  readonly canvasOf: Map<PlannedJob, string>;
}

function planAll(project: Project, o: RenderOptions, tierOf: ReadonlyMap<string, Tier>, pipeline: ChoosePipeline): Planned {
  const out: Planned = { plans: [], failures: [], jobs: [], canvasOf: new Map() };
  for (const canvas of o.canvases) {
    const plan = planCanvas(project.root, canvas, (o.load ?? ((c: string) => loadCanvas(project, c)))(canvas), { tier: tierOf.get(canvas)!, pipeline });
    out.plans.push(plan);
    const wanted = (id: string) => (o.node === undefined || id === o.node) && (o.select?.(canvas, id) ?? true);
    const selected = new Set<PlannedJob>();
    for (const e of plan.entries) {
      if (e.state !== 'job') {
        const { id, kind, label } = e.node;
        if (wanted(id)) out.failures.push({ canvas, node: id, kind, label, state: e.state, reason: e.reason });
      } else if (wanted(e.job.node.id)) for (const j of upstreamOf(plan, e.job.node.id)) selected.add(j);
    }
    // In plan order, so upstream jobs come first.
    for (const j of plan.jobs.filter((x) => selected.has(x))) {
      out.jobs.push(j);
      out.canvasOf.set(j, canvas);
    }
  }
  return out;
}

export async function render(project: Project, engine: Engine, o: RenderOptions): Promise<RenderSummary> {
  const emit = o.onEvent ?? (() => {});
  // Read (and so checked) before anything is run or written: a lock that names paths outside the
  // project stops the render here.
  const lock = readLock(project.lockFile);
  const tierOf = new Map<string, Tier>();
  for (const canvas of o.canvases) {
    // Where its renders go is checked before any job runs, not after minutes of rendering.
    insideProject(project.root, rendersFolder(canvas), canvas);
    tierOf.set(canvas, o.tier ?? (o.tierFromLock ? lock.canvases[canvas]?.tier : undefined) ?? defaultTier(project));
  }
  const router = engine.router;
  const chosen: ChoosePipeline = o.pipeline ?? ((kind, tier) => router.registry.choose(kind, tier, router.preferred));
  let planned = planAll(project, o, tierOf, chosen);
  // Targets are asked only about pipelines with work to do: a render with everything cached asks none.
  router.forget();
  const todo = planned.jobs.filter((j) => o.force || !engine.cache.done(j.key)).map((j) => j.manifest);
  const unfit = await router.unfit(todo, o.signal);
  if (unfit.length && !(o.fallback === 'preview' || (o.fallback !== undefined && (await o.fallback(unfit))))) throw new NoTargetFits(unfit);
  if (unfit.length) {
    emit({ type: 'fallback', unfit });
    const out = new Set(unfit.map((u) => refText(u.manifest)));
    const registry = router.registry;
    planned = planAll(project, o, tierOf, (kind, tier, node, canvas) => {
      const m = chosen(kind, tier, node, canvas);
      return out.has(refText(m)) ? registry.preview(kind) : m;
    });
  }
  const { plans, failures, jobs, canvasOf } = planned;
  for (const plan of plans) emit({ type: 'plan', canvas: plan.canvas, plan });
  if (o.node !== undefined && !plans.some((p) => p.entries.some((e) => (e.state === 'job' ? e.job.node.id : e.node.id) === o.node))) {
    throw new UserError(`no generating node "${o.node}" in ${o.canvases.join(', ')} (image, video, audio, edit and output nodes render)`);
  }

  // The project lock covers running, materializing and writing render.lock; planning writes nothing.
  return engine.hold(async () => {
    const byCanvasNode = new Map(jobs.map((j) => [`${canvasOf.get(j)}#${j.node.id}`, j]));
    const force = new Set(o.force ? jobs.filter((j) => o.node === undefined || j.node.id === o.node).map((j) => j.key) : []);
    const partial = o.node !== undefined || o.select !== undefined;
    const ran: string[] = [];
    const result = await engine.run(jobs, (job, id) => byCanvasNode.get(`${canvasOf.get(job)}#${id}`), {
      signal: o.signal,
      priority: o.priority ?? (o.node !== undefined ? 'interactive' : 'batch'),
      force,
      label: { canvas: o.canvases.join(','), tier: o.tier ?? 'default' },
      onEvent: (e) => {
        const canvas = canvasOf.get(e.job)!;
        if (e.type === 'done') ran.push(`${canvas}#${e.job.node.id}`);
        if (e.type === 'failed' || e.type === 'skipped') {
          const reason = e.type === 'failed' ? `${e.code}: ${e.message}` : e.reason;
          failures.push({ canvas, node: e.job.node.id, kind: e.job.kind, label: e.job.node.label, state: e.type, reason });
        }
        emit({ canvas, ...e });
      },
    });
    if (result.interrupted) emit({ type: 'resume', interrupted: result.interrupted });

    let cached = 0;
    for (const x of result.outcomes.values()) if (x.state === 'cached') cached++;
    const done = await recordRender(
      project,
      engine,
      plans.map((plan) => ({ plan, tier: tierOf.get(plan.canvas)!, jobs: new Set(plan.jobs.filter((j) => canvasOf.get(j) === plan.canvas)) })),
      result.records,
      { partial, write: o.writeLock !== false },
    );
    for (const [canvas, f] of done.files) emit({ type: 'materialized', canvas, files: f.files, removed: f.removed });
    const recorded = done.nodes;
    const lockChanged = done.lockChanged;
    const ok = failures.length === 0 && !result.cancelled;
    return { ok, cancelled: result.cancelled, ran, cached, failures, plans, lockChanged, interrupted: result.interrupted, recorded };
  }, () => sweepProjectTemps(project, o.canvases));
}
