import type { JobRecord } from './cache/records';
import type { Engine } from './engine';
import { readLock, writeLock, type LockCanvas, type LockNode, type LockOutput } from './lock';
import { materialize, placement, removeStale, staleRenders, type StaleRender } from './materialize';
import type { Plan, PlannedJob } from './plan/plan';
import { canvasName, type Project } from './project';
import { carryTakes } from './takes';

/**
 * After a render: materialize every finished node in 03_Renders and write render.lock. The lock is
 * re-read and updated in one synchronous step at the very end, so two renders of one project in one
 * process (a "Generate Node" overtaking a batch render) never drop each other's entries.
 */

export interface CanvasResult {
  readonly plan: Plan;
  readonly tier: LockCanvas['tier'];
  /** Jobs of this canvas that took part in the render. */
  readonly jobs: ReadonlySet<PlannedJob>;
}

export interface Recorded {
  readonly nodes: Map<string, LockNode>;
  readonly files: Map<string, { files: string[]; removed: string[] }>;
  readonly lockChanged: boolean;
}

const outputsOf = (c: LockCanvas | undefined): LockOutput[] => Object.values(c?.nodes ?? {}).flatMap((n) => n.outputs);

export async function recordRender(project: Project, engine: Engine, canvases: readonly CanvasResult[], records: ReadonlyMap<string, JobRecord>, o: { partial: boolean; write: boolean }): Promise<Recorded> {
  const at = placement(project.root, engine.cache);
  const start = readLock(project.lockFile);
  const nodes = new Map<string, LockNode>();
  const updates: { canvas: string; tier: LockCanvas['tier']; set: Map<string, LockNode>; present: Set<string> }[] = [];
  const files = new Map<string, { files: string[]; removed: string[] }>();
  for (const c of canvases) {
    const before = start.canvases[c.plan.canvas];
    const set = new Map<string, LockNode>();
    const written: string[] = [];
    for (const e of c.plan.entries) {
      const rec = e.state === 'job' && c.jobs.has(e.job) ? records.get(e.job.key) : undefined;
      if (e.state !== 'job' || !rec) continue;
      const id = e.job.node.id;
      const outputs = await materialize(at, canvasName(c.plan.canvas), e.job, rec);
      written.push(...outputs.map((x) => x.file));
      const node: LockNode = { kind: e.job.kind, key: e.job.key, pipeline: `${e.job.pipeline.id}@${e.job.pipeline.version}`, backend: rec.backend, tier: e.job.tier, seed: e.job.seed, outputs };
      const takes = await carryTakes(at, canvasName(c.plan.canvas), e.job, before?.nodes[id]);
      set.set(id, takes.length ? { ...node, takes } : node);
      nodes.set(`${c.plan.canvas}#${id}`, set.get(id)!);
    }
    const present = new Set(c.plan.entries.map((e) => (e.state === 'job' ? e.job.node.id : e.node.id)));
    updates.push({ canvas: c.plan.canvas, tier: c.tier, set, present });
    files.set(c.plan.canvas, { files: written, removed: [] });
  }
  at.index.save();
  if (!o.write) return { nodes, files, lockChanged: false };

  // From here to the write, nothing awaits: the lock read now is the one written.
  const lock = readLock(project.lockFile);
  const stale: { canvas: string; renders: StaleRender[] }[] = [];
  for (const u of updates) {
    const before = lock.canvases[u.canvas];
    // Failed, skipped or unselected nodes keep their entry (status calls them stale); nodes gone from
    // the canvas lose theirs after a full render.
    const kept = Object.entries(before?.nodes ?? {}).filter(([id]) => o.partial || u.present.has(id));
    const next: LockCanvas = { tier: o.partial && before ? before.tier : u.tier, nodes: Object.fromEntries([...kept, ...u.set]) };
    const renders = staleRenders(project.root, { key: u.canvas, name: canvasName(u.canvas) }, outputsOf(before), outputsOf(next));
    stale.push({ canvas: u.canvas, renders });
    lock.canvases[u.canvas] = next;
  }
  const lockChanged = writeLock(project.lockFile, lock);
  for (const s of stale) files.get(s.canvas)!.removed.push(...removeStale(s.renders));
  return { nodes, files, lockChanged };
}
