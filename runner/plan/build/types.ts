import type { NodeOf } from '../../../core';
import type { JobParams, RenderKind } from '../../../core/previewParams';
import type { AssetFile, ContextResolver } from '../context';
import type { Timeline } from '../timeline';

/**
 * A param builder: a node of one kind, typed, to the params every pipeline of that kind reads
 * (core/previewParams.ts JOB_KINDS) and the files it needs. GPU pipelines of a kind take the same
 * params as the preview one, so one builder serves them all.
 */

/** An upstream job's output (by node and output role), or a project asset. */
export type PlannedInput =
  | { readonly name: string; readonly role: string; readonly node: string; readonly output: string }
  | { readonly name: string; readonly role: string; readonly asset: AssetFile };

export interface KindPlan<K extends RenderKind = RenderKind> {
  readonly params: JobParams<K>;
  readonly inputs: PlannedInput[];
  /** Upstream nodes it waits for without reading a file of theirs. */
  readonly after?: readonly string[];
}

/** What builders share within one plan: the resolver and each edit's timeline, built once. */
export interface BuildContext {
  readonly r: ContextResolver;
  timeline(edit: NodeOf<'edit'>): Timeline;
  /** The timeline of an edit another node reads; when that edit cannot be planned, the reader is blocked. */
  timelineFor(edit: NodeOf<'edit'>, why: (editName: string) => string): Timeline;
}

export type Builder<K extends RenderKind> = (c: BuildContext, node: NodeOf<K>) => KindPlan<K>;

export const pad = (n: number) => String(n).padStart(2, '0');
