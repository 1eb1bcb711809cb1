import path from 'node:path';
import type { BmadDocument, MediaKind, NodeRender } from '../../core';
import type { RenderEvent } from '../../runner/render';
import type { NodeStatus } from '../../runner/status';

/**
 * What the canvas shows per generating node, computed without `vscode`: from `bmad status` (missing,
 * stale, done, with the files render.lock names) and from a render's events as they come (queued,
 * running with progress, done, failed). Files become webview URIs through `src`, which answers
 * undefined for a file that is not there.
 */

export type NodeRenders = Record<string, NodeRender>;
/** Project-relative file → a webview URI, or undefined when the file does not exist. */
export type Src = (projectRelFile: string) => string | undefined;
/** A job that failed, by node: its key, so the failure shows until the node changes. */
export type Failures = ReadonlyMap<string, { readonly key: string; readonly message: string }>;

const EXT_KIND: Readonly<Record<string, MediaKind>> = {
  '.png': 'image', '.jpg': 'image', '.jpeg': 'image', '.webp': 'image',
  '.mp4': 'video', '.webm': 'video', '.mov': 'video',
  '.wav': 'audio', '.mp3': 'audio', '.ogg': 'audio', '.flac': 'audio',
};
/** What the inspector plays for each kind: an edit's cut and an output's film are videos. */
const PRIMARY: Readonly<Record<string, MediaKind>> = { image: 'image', video: 'video', audio: 'audio', edit: 'video', output: 'video' };

const kindOf = (file: string): MediaKind | undefined => EXT_KIND[path.extname(file).toLowerCase()];

export function fromStatus(statuses: readonly NodeStatus[], doc: BmadDocument, src: Src, failures: Failures = new Map()): NodeRenders {
  const out: NodeRenders = {};
  for (const s of statuses) {
    const primary = s.files.find((f) => kindOf(f) === PRIMARY[s.kind]);
    const still = s.files.find((f) => kindOf(f) === 'image');
    const mediaSrc = primary && src(primary);
    const failed = failures.get(s.node);
    const r: { -readonly [K in keyof NodeRender]: NodeRender[K] } = { state: stateOf(s) };
    if (s.state === 'error' || s.state === 'needs-input') r.message = s.reason;
    else if (failed && failed.key === s.key && s.state !== 'fresh') Object.assign(r, { state: 'failed', message: failed.message });
    // A fresh node has a reason only when the preview stood in for its tier's pipeline: shown, never silent.
    else if (s.reason) r.message = s.reason;
    if (mediaSrc) r.media = { kind: PRIMARY[s.kind]!, src: mediaSrc };
    if (s.made && (s.state === 'fresh' || s.state === 'stale')) r.made = s.made;
    const thumb = still && src(still);
    if (thumb) r.thumbnail = thumb;
    out[s.node] = r;
  }
  borrowThumbnails(out, doc);
  return out;
}

function stateOf(s: NodeStatus): NodeRender['state'] {
  switch (s.state) {
    case 'fresh':
      return 'done';
    case 'stale':
      return 'stale';
    case 'missing':
      return 'missing';
    case 'needs-input':
      return 'needs-input';
    case 'error':
      return 'failed';
  }
}

/**
 * A video has no still of its own: it shows the keyframe it was made from; an edit shows its first
 * clip's. Only a node with an output of its own borrows, so an unrendered video never looks rendered.
 */
function borrowThumbnails(out: NodeRenders, doc: BmadDocument): void {
  const inputs = new Map<string, string[]>();
  for (const e of doc.edges) (inputs.get(e.target) ?? inputs.set(e.target, []).get(e.target)!).push(e.source);
  const find = (id: string, seen: Set<string>): string | undefined => {
    for (const up of inputs.get(id) ?? []) {
      if (seen.has(up)) continue;
      seen.add(up);
      const t = out[up]?.thumbnail ?? find(up, seen);
      if (t) return t;
    }
    return undefined;
  };
  for (const [id, r] of Object.entries(out)) {
    if (r.thumbnail || !r.media || r.media.kind === 'audio') continue;
    const t = find(id, new Set([id]));
    if (t) out[id] = { ...r, thumbnail: t };
  }
}

/** The change one render event makes to a node's state; undefined for events that change none. */
export type Patch = { readonly node: string; readonly state: NodeRender['state']; readonly progress?: number; readonly message?: string; readonly made?: NodeRender['made'] };

export function patchFor(e: RenderEvent): Patch | undefined {
  if (e.type === 'plan' || e.type === 'resume' || e.type === 'materialized' || e.type === 'fallback') return undefined;
  const node = e.job.node.id;
  switch (e.type) {
    case 'cached':
      return { node, state: 'done' };
    case 'done':
      return { node, state: 'done', made: { on: e.record.backend, pipeline: `${e.record.pipeline.id}@${e.record.pipeline.version}` } };
    case 'start':
      return { node, state: 'running', progress: 0 };
    case 'progress':
      return e.line.type === 'progress' ? { node, state: 'running', progress: Math.min(1, Math.max(0, e.line.value / e.line.max)), ...(e.line.stage ? { message: e.line.stage } : {}) } : undefined;
    case 'retry':
      return { node, state: 'queued', message: `retrying in ${Math.round(e.delayMs / 1000)} s after ${e.code}: ${e.message}` };
    case 'failed':
      return { node, state: 'failed', message: `${e.code}: ${e.message}` };
    case 'skipped':
      return { node, state: 'failed', message: `not rendered: ${e.reason}` };
    case 'cancelled':
      return undefined;
  }
}

/** A patch on top of what the node showed: its previous thumbnail and media stay until new ones come. */
export function applyPatch(prev: NodeRender | undefined, p: Patch): NodeRender {
  const { progress: _p, message: _m, ...kept } = prev ?? { state: p.state };
  return {
    ...kept,
    state: p.state,
    ...(p.progress !== undefined ? { progress: p.progress } : {}),
    ...(p.message !== undefined ? { message: p.message.slice(0, 2000) } : {}),
    ...(p.made !== undefined ? { made: p.made } : {}),
  };
}
