import { jobKey, type JobKeyInput } from '../../core/jobkey';
import type { PipelineManifest } from '../../core/pipelineManifest';
import { isRenderKind, type JobParams, type RenderKind } from '../../core/previewParams';
import type { PipelineRef } from '../../core/contract';
import type { BmadDocument, BmadNode, Tier } from '../../core';
import { pipelineRegistry } from '../pipelines/registry';
import type { HashFile } from '../fileHashes';
import { sha256Text } from '../hash';
import { Blocked, ContextResolver, NeedsInput, PlanError, type Waiting } from './context';
import { CanvasGraph } from './graph';
import type { KindPlan, PlannedInput, RenderNode } from './build';
import { KindPlanner, waitsFor } from './kinds';

/**
 * Canvas → jobs, upstream first. Every generating node (image, video, audio) and every edit and output
 * becomes one job whose key is known before anything renders (inputs are named by upstream keys), so
 * `status` and a no-op render never run a pipeline. A node that cannot be planned fails with a reason;
 * everything downstream of it is skipped, naming it; the rest of the canvas still plans. A node
 * missing an input it needs is not a failure: it and what waits for it "need input".
 */

export interface PlannedJob {
  readonly node: BmadNode;
  readonly kind: RenderKind;
  readonly pipeline: PipelineRef;
  /** The pipeline's manifest: its backend, VRAM and models decide where the job can run. */
  readonly manifest: PipelineManifest;
  readonly tier: Tier;
  readonly seed: number;
  readonly params: JobParams<RenderKind>;
  readonly inputs: readonly PlannedInput[];
  /** Node ids of the jobs this one waits for. */
  readonly deps: readonly string[];
  readonly key: string;
  /** File name stem for its outputs in 03_Renders/<canvas>/, unique within the canvas. */
  readonly stem: string;
}

export type PlanEntry =
  | { readonly state: 'job'; readonly job: PlannedJob }
  | { readonly state: 'failed' | 'skipped'; readonly node: BmadNode; readonly reason: string }
  /** `waiting`: the node that lacks the input, this one or one it waits for. */
  | { readonly state: 'needs-input'; readonly node: BmadNode; readonly reason: string; readonly waiting: Waiting };

export interface Plan {
  readonly canvas: string;
  /** One entry per job-producing node, in dependency order. */
  readonly entries: readonly PlanEntry[];
  readonly jobs: readonly PlannedJob[];
  readonly warnings: readonly string[];
}

export interface PlanOptions {
  /** The run's tier; a node's own `tier` param overrides it. */
  readonly tier: Tier;
  /** How asset files are hashed; status after an edit passes one that remembers (runner/fileHashes.ts). */
  readonly hashFile?: HashFile;
  /** The pipeline of each job (part of its key); by default the registry's choice for its kind and tier. */
  readonly pipeline?: ChoosePipeline;
}

/** Which pipeline renders a node of `kind` at `tier` (the node of the canvas, for a choice per node). */
export type ChoosePipeline = (kind: RenderKind, tier: Tier, node: BmadNode, canvas: string) => PipelineManifest;

export const registryChoice: ChoosePipeline = (kind, tier) => pipelineRegistry().choose(kind, tier);

export function planCanvas(root: string, canvas: string, doc: BmadDocument, opts: PlanOptions): Plan {
  const graph = new CanvasGraph(doc);
  const resolver = new ContextResolver(graph, root, opts.hashFile);
  const kinds = new KindPlanner(resolver);
  const byNode = new Map<string, PlanEntry>();
  const entries: PlanEntry[] = [];
  const stems = new Map<string, string>();

  for (const node of graph.topological()) {
    if (!isRenderKind(node.kind)) continue;
    const entry = planNode(node as RenderNode);
    byNode.set(node.id, entry);
    entries.push(entry);
  }

  function planNode(node: RenderNode): PlanEntry {
    const kind = node.kind;
    let plan: KindPlan;
    try {
      plan = kinds.plan(node);
    } catch (e) {
      if (e instanceof NeedsInput) return { state: 'needs-input', node, reason: e.message, waiting: { node: node.id, input: e.input } };
      if (e instanceof PlanError) return { state: 'failed', node, reason: e.message };
      if (e instanceof Blocked && e.waiting) return { state: 'needs-input', node, reason: e.message, waiting: e.waiting };
      if (e instanceof Blocked) return { state: 'skipped', node, reason: e.message };
      throw e;
    }
    const deps = [...new Set([...plan.inputs.flatMap((i) => ('node' in i ? [i.node] : [])), ...(plan.after ?? [])])];
    for (const d of deps) {
      const up = byNode.get(d);
      if (up?.state === 'needs-input') {
        return { state: 'needs-input', node, reason: waitsFor(graph.name(up.waiting.node), up.waiting.input), waiting: up.waiting };
      }
      if (up?.state !== 'job') {
        const why = up ? `${up.state === 'failed' ? 'failed' : 'was skipped'}` : 'is not a job';
        return { state: 'skipped', node, reason: `upstream ${graph.name(d)} ${why}` };
      }
    }
    const own = node.params as { seed?: number; tier?: Tier };
    const tier = own.tier ?? opts.tier;
    const seed = own.seed ?? 0;
    const manifest = (opts.pipeline ?? registryChoice)(kind, tier, node, canvas);
    const keyInputs: JobKeyInput[] = plan.inputs.map((i) =>
      'node' in i ? { name: i.name, role: i.role, job: (byNode.get(i.node) as { job: PlannedJob }).job.key, output: i.output } : { name: i.name, role: i.role, sha256: i.asset.sha256 },
    );
    const pipeline = { id: manifest.id, version: manifest.version };
    const key = jobKey({ pipeline, tier, seed, params: plan.params, inputs: keyInputs }, sha256Text);
    const job = { node, kind, pipeline, manifest, tier, seed, params: plan.params, inputs: plan.inputs, deps, key, stem: uniqueStem(node) };
    return { state: 'job', job };
  }

  /** The readable stem, or with the node id appended when another node already has it. */
  function uniqueStem(node: BmadNode): string {
    const base = kinds.fileStem(node);
    const stem = stems.has(base) ? `${base}-${node.id}` : base;
    stems.set(stem, node.id);
    return stem;
  }

  const warnings = new Set<string>();
  for (const n of graph.nodes.values()) if (n.kind === 'edit') for (const w of safeWarnings(() => kinds.timeline(n).warnings)) warnings.add(w);
  return { canvas, entries, jobs: entries.flatMap((e) => (e.state === 'job' ? [e.job] : [])), warnings: [...warnings] };
}

function safeWarnings(f: () => readonly string[]): readonly string[] {
  try {
    return f();
  } catch {
    return [];
  }
}

/** The jobs `target` needs, itself last: what `render --node` runs. */
export function upstreamOf(plan: Plan, nodeId: string): PlannedJob[] {
  const byNode = new Map(plan.jobs.map((j) => [j.node.id, j]));
  const need = new Set<string>();
  const visit = (id: string) => {
    if (need.has(id)) return;
    need.add(id);
    for (const d of byNode.get(id)?.deps ?? []) visit(d);
  };
  visit(nodeId);
  return plan.jobs.filter((j) => need.has(j.node.id));
}
