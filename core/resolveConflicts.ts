import { parseConflictMarkers } from './conflictMarkers';
import type { LocatedIssue } from './issues';
import { mergeCanvases } from './merge';
import { connect, remove, rename, setParams, type OpResult } from './ops';
import { parseDocument } from './parse';
import { NODE_KINDS } from './nodes';
import type { BmadDocument, BmadEdge, BmadNode, Conflict } from './schema';
import { emptyDocument } from './serialize';

/**
 * What the merge view works on, and how a person's choices become a canvas. A file our merge driver
 * wrote carries its conflicts; a file with git's markers (a merge made without our driver) is read
 * as its sides and merged here, so both open the same way. The canvas holds ours' values until a
 * choice says otherwise; every conflict keeps both sides whole until it is chosen.
 */

export type Side = 'ours' | 'theirs';

export interface MergeState {
  /** The canvas with ours' values, without its `conflicts` field. */
  readonly doc: BmadDocument;
  readonly conflicts: readonly Conflict[];
  /** Where the conflicts came from: our driver's field, or git's markers. */
  readonly source: 'driver' | 'markers';
}

export type MergeRead = { ok: true; state: MergeState | undefined } | { ok: false; issues: LocatedIssue[] };

const MARKER_LINE = /^(<{7}|={7}|>{7})(?=[ \t\r\n]|$)/m;

/**
 * The merge state of a text: undefined for a canvas with nothing to resolve; issues when the text
 * reads neither as a canvas nor as git's markers around canvases.
 */
export function readMergeState(text: string): MergeRead {
  const parsed = parseDocument(text);
  if (parsed.ok) {
    const { conflicts, ...doc } = parsed.doc;
    return { ok: true, state: conflicts?.length ? { doc, conflicts, source: 'driver' } : undefined };
  }
  if (!MARKER_LINE.test(text)) return parsed;
  const sides = parseConflictMarkers(text);
  if (!sides.ok) return sides;
  // Without a base (git's default marker style) nothing says which side changed what: every difference
  // is then a choice, and a node only one side has is kept, so nothing of either side is dropped.
  const merged = mergeCanvases(sides.base ?? emptyDocument(), sides.ours, sides.theirs);
  const { conflicts, ...doc } = merged.doc;
  return { ok: true, state: { doc, conflicts: conflicts ?? [], source: 'markers' } };
}

export interface Resolution {
  readonly doc: BmadDocument;
  /** What the choices could not keep (an edge that no longer fits), said to the person. */
  readonly notes: readonly string[];
}

type Choices = ReadonlyMap<number, Side>;

/**
 * Applies the choices (conflict index → side) to the state. Conflicts without a choice stay in the
 * result's `conflicts` field, so a partial resolution loses nothing either.
 */
export function resolveConflicts(state: MergeState, choices: Choices): { ok: true; value: Resolution } | { ok: false; message: string } {
  let doc: BmadDocument = { version: 1, nodes: state.doc.nodes, edges: state.doc.edges };
  const notes: string[] = [];
  // Whole nodes first: a param choice on a node another choice replaces would be overwritten anyway.
  const order = state.conflicts.map((c, i) => ({ c, i })).sort((a, b) => rank(a.c) - rank(b.c));
  for (const { c, i } of order) {
    const side = choices.get(i);
    if (!side) continue;
    const r = choose(doc, c, side, notes);
    if (!r.ok) return { ok: false, message: `${describe(c)}: ${r.message}` };
    doc = r.doc;
  }
  const left = state.conflicts.filter((_, i) => !choices.has(i));
  if (left.length) doc = { ...doc, conflicts: left };
  return { ok: true, value: { doc, notes } };
}

const rank = (c: Conflict): number => (c.on === 'node' ? 0 : c.on === 'edge' ? 2 : 1);

export function describe(c: Conflict): string {
  if (c.on === 'edge') return `edge ${c.edge}`;
  if (c.on === 'param') return `node ${c.node} params.${c.param}`;
  return `node ${c.node}${c.on === 'label' ? ' label' : ''}`;
}

function choose(doc: BmadDocument, c: Conflict, side: Side, notes: string[]): OpResult {
  switch (c.on) {
    case 'param': {
      if (!doc.nodes.some((n) => n.id === c.node)) return { ok: true, doc };
      return setParams(doc, c.node, { [c.param]: c[side] });
    }
    case 'label':
      return doc.nodes.some((n) => n.id === c.node) ? rename(doc, c.node, c[side]) : { ok: true, doc };
    case 'node':
      return replaceNode(doc, c.node, c[side], notes);
    case 'edge': {
      const edge = c[side];
      if (!edge) return remove(doc, [], [c.edge]);
      if (doc.edges.some((e) => e.id === c.edge)) return { ok: true, doc };
      // Choosing this edge over the one that holds a single input (the usual edge conflict) replaces it.
      const held = singleInputHolder(doc, edge);
      const r = connect(held ? { ...doc, edges: doc.edges.filter((e) => e !== held) } : doc, edge);
      if (r.ok && held) notes.push(`edge ${held.id} was replaced by ${edge.id} on the same input`);
      return r;
    }
  }
}

function singleInputHolder(doc: BmadDocument, edge: BmadEdge): BmadEdge | undefined {
  const target = doc.nodes.find((n) => n.id === edge.target);
  const port = target && NODE_KINDS[target.kind].inputs.find((p) => p.id === edge.targetPort);
  if (!port || port.multiple) return undefined;
  return doc.edges.find((e) => e.target === edge.target && e.targetPort === edge.targetPort);
}

/** The chosen side's node in place of the current one (or none), keeping every edge that still fits. */
function replaceNode(doc: BmadDocument, id: string, node: BmadNode | null, notes: string[]): OpResult {
  const touching = doc.edges.filter((e) => e.source === id || e.target === id);
  const removed = remove(doc, [id]);
  if (!removed.ok || !node) return removed;
  let next: BmadDocument = { ...removed.doc, nodes: [...removed.doc.nodes, node] };
  for (const e of touching) {
    const r = connect(next, e);
    if (r.ok) next = r.doc;
    else notes.push(`edge ${e.id} was dropped: ${r.message}`);
  }
  return { ok: true, doc: next };
}
