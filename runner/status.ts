import fs from 'node:fs';
import type { BmadDocument, Tier } from '../core';
import { Cache } from './cache/cache';
import type { HashFile } from './fileHashes';
import { readLock, type LockNode } from './lock';
import { lockedPipeline } from './lockedPipeline';
import { planCanvas } from './plan/plan';
import type { PipelineManifest } from '../core/pipelineManifest';
import { pipelineRegistry, refText } from './pipelines/registry';
import { defaultTier, loadCanvas, rendersFolder, type Project } from './project';
import { insideProject } from './projectPaths';

/**
 * Per node: fresh (render.lock has its current key and the output is at hand), stale (its params or
 * something upstream changed since), missing (never rendered, or its files are gone), needs-input (an
 * input it needs is not connected, to it or to a node it waits for), or error (it cannot be planned).
 * Plans only: runs nothing and takes no lock.
 */

export const NODE_STATES = ['fresh', 'stale', 'missing', 'needs-input', 'error'] as const;
export type NodeState = (typeof NODE_STATES)[number];

export interface NodeStatus {
  readonly canvas: string;
  readonly node: string;
  readonly kind: string;
  readonly label: string;
  readonly state: NodeState;
  readonly key?: string;
  readonly files: string[];
  readonly reason?: string;
  /** Where its recorded output was made, as render.lock says: the target's id and the pipeline. */
  readonly made?: { readonly on: string; readonly pipeline: string };
}

/**
 * `load` gives a canvas's document instead of its file (the editor's unsaved text); `hashFile` hashes
 * asset files (the editor passes one that remembers them between edits).
 */
export function projectStatus(
  project: Project,
  canvases: readonly string[],
  tier?: Tier,
  load: (canvas: string) => BmadDocument = (c) => loadCanvas(project, c),
  hashFile?: HashFile,
): NodeStatus[] {
  const lock = readLock(project.lockFile);
  const cache = new Cache(project.cacheDir);
  const out: NodeStatus[] = [];
  // Each node is judged against the pipeline that made it (a preview fallback too), so an edit shows as
  // stale on exactly the nodes it changed; a fresh fallback says what it stands in for.
  const registry = pipelineRegistry();
  const pipeline = lockedPipeline(lock, registry);
  for (const canvas of canvases) {
    const locked = lock.canvases[canvas];
    const planTier = tier ?? locked?.tier ?? defaultTier(project);
    const plan = planCanvas(project.root, canvas, load(canvas), { tier: planTier, hashFile, pipeline });
    for (const e of plan.entries) {
      if (e.state !== 'job') {
        const state = e.state === 'needs-input' ? 'needs-input' : 'error';
        out.push({ canvas, node: e.node.id, kind: e.node.kind, label: e.node.label, state, files: [], reason: e.reason });
        continue;
      }
      const l = locked?.nodes[e.job.node.id];
      const base = { canvas, node: e.job.node.id, kind: e.job.kind, label: e.job.node.label, key: e.job.key, files: l?.outputs.map((o) => o.file) ?? [], ...(l ? { made: { on: l.backend, pipeline: l.pipeline } } : {}) };
      if (!l) out.push({ ...base, state: 'missing', reason: 'never rendered' });
      else if (l.key !== e.job.key) out.push({ ...base, state: 'stale', reason: staleReason(l, e.job.pipeline) });
      else if (!present(project, cache, canvas, l)) out.push({ ...base, state: 'missing', reason: 'its outputs are gone; `bmad regenerate` or `bmad render` restores them' });
      else out.push({ ...base, state: 'fresh', ...standIn(e.job.manifest, registry.choose(e.job.kind, e.job.tier)) });
    }
  }
  return out;
}

/**
 * A node made by the preview in place of its tier's GPU pipeline (a fallback) says so. Any GPU pipeline
 * of the tier is the tier's own output (a ComfyUI host makes the standard image as truly as a container).
 */
function standIn(made: PipelineManifest, want: PipelineManifest): { reason?: string } {
  if (made.backend !== 'preview' || want.backend === 'preview') return {};
  const [m, w] = [refText(made), refText(want)];
  return { reason: `made by ${m} in place of ${w}; render it on a target that runs ${w}` };
}

/** Why a node's key moved on: its pipeline's version, or an edit. */
function staleReason(l: LockNode, want: { id: string; version: number }): string {
  const wanted = `${want.id}@${want.version}`;
  if (l.pipeline !== wanted) return `its pipeline changed since it was rendered (${l.pipeline} → ${wanted})`;
  return 'its params or an upstream node changed since it was rendered';
}

/** Outputs at hand: in the cache, or materialized with the recorded size (where the lock says, checked). */
function present(project: Project, cache: Cache, canvas: string, l: LockNode): boolean {
  if (cache.done(l.key)) return true;
  const where = `render.lock: canvases[${JSON.stringify(canvas)}]`;
  const sizeOf = (file: string) =>
    fs.statSync(insideProject(project.root, file, where, rendersFolder(canvas)), { throwIfNoEntry: false })?.size;
  return l.outputs.every((o) => sizeOf(o.file) === o.size);
}
