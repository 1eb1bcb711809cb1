import { diffCanvases, type CanvasDiff } from './diff';
import { shownValue } from './diffSummary';
import type { BmadDocument, BmadEdge, BmadNode } from './schema';

/**
 * One canvas that shows a difference: the newer document with the older one's removed nodes put
 * back as ghosts, every touched node marked, and each changed node's fields as old → new. What the
 * compare mode of the canvas draws; read-only, so the ghosts never reach a file.
 */

export const CHANGE_MARKS = ['added', 'removed', 'changed'] as const;
export type ChangeMark = (typeof CHANGE_MARKS)[number];

/** A field that differs, both values as one line each ("(none)" for an absent key). */
export interface FieldChange {
  readonly key: string;
  readonly before: string;
  readonly after: string;
}

export interface CompareView {
  readonly doc: BmadDocument;
  readonly marks: Readonly<Record<string, ChangeMark>>;
  readonly changes: Record<string, FieldChange[]>;
  /** Marked node ids in reading order (top to bottom, then left to right): next/previous change. */
  readonly order: readonly string[];
}

function fieldChanges(n: Extract<CanvasDiff['nodes'][number], { status: 'changed' }>): FieldChange[] {
  const out: FieldChange[] = [];
  if (n.kindChanged) out.push({ key: 'kind', before: n.before.kind, after: n.after.kind });
  if (n.labelChanged) out.push({ key: 'label', before: shownValue(n.before.label), after: shownValue(n.after.label) });
  if (n.moved) {
    const [a, b] = [n.before.position, n.after.position];
    out.push({ key: 'position', before: `(${a.x}, ${a.y})`, after: `(${b.x}, ${b.y})` });
  }
  for (const p of n.params) out.push({ key: p.key, before: shownValue(p.before), after: shownValue(p.after) });
  return out;
}

const readingOrder = (a: BmadNode, b: BmadNode): number =>
  a.position.y - b.position.y || a.position.x - b.position.x || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function compareView(before: BmadDocument, after: BmadDocument, diff: CanvasDiff = diffCanvases(before, after)): CompareView {
  const marks: Record<string, ChangeMark> = {};
  const changes: Record<string, FieldChange[]> = {};
  const ghosts: BmadNode[] = [];
  const shown: BmadNode[] = [];
  for (const n of diff.nodes) {
    marks[n.id] = n.status;
    if (n.status === 'removed') ghosts.push(n.node);
    if (n.status === 'changed') changes[n.id] = fieldChanges(n);
    shown.push(n.status === 'changed' ? n.after : n.node);
  }
  const edgeIds = new Set(after.edges.map((e) => e.id));
  // A removed edge keeps its place only when its id is free: an id reused with other ends is the new edge.
  const oldEdges: BmadEdge[] = diff.edgesRemoved.filter((e) => !edgeIds.has(e.id));
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const doc: BmadDocument = {
    ...after,
    nodes: ghosts.length ? [...after.nodes, ...ghosts].sort(byId) : after.nodes,
    edges: oldEdges.length ? [...after.edges, ...oldEdges].sort(byId) : after.edges,
  };
  return { doc, marks, changes, order: shown.sort(readingOrder).map((n) => n.id) };
}
