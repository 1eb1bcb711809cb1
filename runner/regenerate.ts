import { Engine } from './engine';
import { UserError } from './errors';
import { readLock } from './lock';
import { lockedPipeline } from './lockedPipeline';
import { planCanvas } from './plan/plan';
import { loadCanvas, type Project } from './project';
import { render, type RenderEvent, type RenderSummary } from './render';

/**
 * `bmad regenerate`: rebuild every output render.lock names from the canvases' params alone (the
 * cache is bypassed), then check each output's hash against the lock. This is the promise of the
 * studio made testable: delete the cache and 03_Renders, and the same bytes come back.
 */

export interface Mismatch {
  readonly canvas: string;
  readonly node: string;
  readonly message: string;
}

export interface RegenerateResult {
  readonly summary: RenderSummary | undefined;
  readonly checked: number;
  readonly mismatches: Mismatch[];
}

export class NothingLocked extends UserError {}

export interface RegenerateOptions {
  readonly canvases?: readonly string[];
  /** Only this node (and what it reads, which is rebuilt too). */
  readonly node?: string;
  readonly signal: AbortSignal;
  readonly onEvent?: (e: RenderEvent) => void;
}

export async function regenerate(project: Project, engine: Engine, o: RegenerateOptions): Promise<RegenerateResult> {
  const { canvases, signal, onEvent } = o;
  const lock = readLock(project.lockFile);
  const names = canvases ?? Object.keys(lock.canvases);
  if (!names.some((c) => Object.keys(lock.canvases[c]?.nodes ?? {}).some((n) => o.node === undefined || n === o.node))) {
    const what = o.node === undefined ? 'no outputs' : `no node "${o.node}"`;
    throw new NothingLocked(`render.lock names ${what}${canvases ? ` in ${canvases.join(', ')}` : ''}; run \`bmad render\` first`);
  }
  const mismatches: Mismatch[] = [];
  const regenerable = new Set<string>();
  // Each node is rebuilt by the pipeline that made it, as render.lock says: a preview fallback stays one.
  const pipeline = lockedPipeline(lock, engine.router.registry);
  for (const canvas of names) {
    const locked = lock.canvases[canvas];
    if (!locked) continue;
    const plan = planCanvas(project.root, canvas, loadCanvas(project, canvas), { tier: locked.tier, pipeline });
    const keys = new Map(plan.jobs.map((j) => [j.node.id, j.key]));
    for (const [node, entry] of Object.entries(locked.nodes)) {
      if (o.node !== undefined && node !== o.node) continue;
      const key = keys.get(node);
      if (key === entry.key) regenerable.add(`${canvas}#${node}`);
      else mismatches.push({ canvas, node, message: key ? `the canvas changed since render.lock was written (key ${entry.key.slice(0, 12)} → ${key.slice(0, 12)}); render it first` : 'render.lock names it but the canvas no longer renders it' });
    }
  }
  const summary = await render(project, engine, {
    canvases: names.filter((c) => lock.canvases[c]),
    force: true,
    tierFromLock: true,
    pipeline,
    select: (canvas, node) => regenerable.has(`${canvas}#${node}`),
    writeLock: false,
    signal,
    onEvent,
  });
  let checked = 0;
  for (const id of regenerable) {
    const [canvas, node] = [id.slice(0, id.indexOf('#')), id.slice(id.indexOf('#') + 1)];
    const want = lock.canvases[canvas]!.nodes[node]!;
    const got = summary.recorded.get(id);
    if (!got) {
      const f = summary.failures.find((x) => x.canvas === canvas && x.node === node);
      mismatches.push({ canvas, node, message: f ? `could not be rebuilt: ${f.reason}` : 'was not rebuilt' });
      continue;
    }
    for (const w of want.outputs) {
      checked++;
      const g = got.outputs.find((x) => x.role === w.role);
      if (!g) mismatches.push({ canvas, node, message: `no "${w.role}" output was produced` });
      else if (g.sha256 !== w.sha256 || g.size !== w.size) {
        mismatches.push({ canvas, node, message: `${w.file}: rebuilt bytes differ (sha256 ${g.sha256.slice(0, 12)}…, ${g.size} B; render.lock has ${w.sha256.slice(0, 12)}…, ${w.size} B)` });
      }
    }
  }
  return { summary, checked, mismatches };
}
