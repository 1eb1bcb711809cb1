import { jsonEqual } from './jsonEqual';
import type { BmadDocument, BmadEdge, BmadNode, Position } from './schema';

/**
 * The difference between two canvases, node by node (ids are stable), param by param. It keeps both
 * sides of every change, so it can be shown (a visual diff marks nodes added, removed, changed), turned
 * into ops that make `after` from `before` (diffOps.ts), and inverted to revert it.
 */

/** A param that differs; `undefined` on a side means the key is absent there. */
export interface ParamChange {
  readonly key: string;
  readonly before: unknown;
  readonly after: unknown;
}

export type NodeDiff =
  | { readonly status: 'added'; readonly id: string; readonly node: BmadNode }
  | { readonly status: 'removed'; readonly id: string; readonly node: BmadNode }
  | {
      readonly status: 'changed';
      readonly id: string;
      readonly before: BmadNode;
      readonly after: BmadNode;
      /** The node became another kind: its params are not comparable key by key, it is replaced whole. */
      readonly kindChanged: boolean;
      readonly labelChanged: boolean;
      readonly moved: boolean;
      readonly params: readonly ParamChange[];
    };

export interface CanvasDiff {
  /** Sorted by id. */
  readonly nodes: readonly NodeDiff[];
  readonly edgesAdded: readonly BmadEdge[];
  readonly edgesRemoved: readonly BmadEdge[];
  /**
   * Unchanged edges that touch a node whose kind changed: replacing the node drops them, so the ops
   * put them back. Empty unless a node changed kind.
   */
  readonly reattached: readonly BmadEdge[];
}

const samePosition = (a: Position, b: Position): boolean => a.x === b.x && a.y === b.y;

export function paramChanges(before: BmadNode, after: BmadNode): ParamChange[] {
  const a = before.params as Readonly<Record<string, unknown>>;
  const b = after.params as Readonly<Record<string, unknown>>;
  const changes: ParamChange[] = [];
  for (const key of Object.keys(a)) if (!jsonEqual(a[key], b[key])) changes.push({ key, before: a[key], after: b[key] });
  for (const key of Object.keys(b)) if (a[key] === undefined && b[key] !== undefined) changes.push({ key, before: undefined, after: b[key] });
  return changes;
}

/** How one node changed, or undefined when it did not. Identical objects cost nothing to compare. */
export function nodeChange(before: BmadNode, after: BmadNode): NodeDiff | undefined {
  if (before === after) return undefined;
  const kindChanged = before.kind !== after.kind;
  const labelChanged = before.label !== after.label;
  const moved = !samePosition(before.position, after.position);
  const params = paramChanges(before, after);
  if (!kindChanged && !labelChanged && !moved && params.length === 0) return undefined;
  return { status: 'changed', id: before.id, before, after, kindChanged, labelChanged, moved, params };
}

const sameEdge = (a: BmadEdge, b: BmadEdge): boolean =>
  a.source === b.source && a.sourcePort === b.sourcePort && a.target === b.target && a.targetPort === b.targetPort;

export function diffCanvases(before: BmadDocument, after: BmadDocument): CanvasDiff {
  const afterNodes = new Map(after.nodes.map((n) => [n.id, n]));
  const nodes: NodeDiff[] = [];
  const replaced = new Set<string>();
  for (const a of before.nodes) {
    const b = afterNodes.get(a.id);
    if (!b) {
      nodes.push({ status: 'removed', id: a.id, node: a });
      continue;
    }
    const change = nodeChange(a, b);
    if (!change) continue;
    nodes.push(change);
    if (change.status === 'changed' && change.kindChanged) replaced.add(a.id);
  }
  const beforeIds = new Set(before.nodes.map((n) => n.id));
  for (const b of after.nodes) if (!beforeIds.has(b.id)) nodes.push({ status: 'added', id: b.id, node: b });
  nodes.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));

  const afterEdges = new Map(after.edges.map((e) => [e.id, e]));
  const beforeEdges = new Map(before.edges.map((e) => [e.id, e]));
  const edgesRemoved: BmadEdge[] = [];
  const reattached: BmadEdge[] = [];
  // An edge whose id stays but whose ends change is a different edge: removed, then added.
  for (const e of before.edges) {
    const same = afterEdges.get(e.id);
    if (!same || !sameEdge(e, same)) edgesRemoved.push(e);
    else if (replaced.has(e.source) || replaced.has(e.target)) reattached.push(same);
  }
  const edgesAdded = after.edges.filter((e) => {
    const was = beforeEdges.get(e.id);
    return !was || !sameEdge(was, e);
  });
  return { nodes, edgesAdded, edgesRemoved, reattached };
}

/** The diff that undoes `d`: what was added is removed, every change runs the other way. */
export function invertDiff(d: CanvasDiff): CanvasDiff {
  const nodes = d.nodes.map((n): NodeDiff => {
    if (n.status === 'added') return { status: 'removed', id: n.id, node: n.node };
    if (n.status === 'removed') return { status: 'added', id: n.id, node: n.node };
    const params = n.params.map((p) => ({ key: p.key, before: p.after, after: p.before }));
    return { ...n, before: n.after, after: n.before, params };
  });
  return { nodes, edgesAdded: d.edgesRemoved, edgesRemoved: d.edgesAdded, reattached: d.reattached };
}

export const isEmptyDiff = (d: CanvasDiff): boolean => d.nodes.length === 0 && d.edgesAdded.length === 0 && d.edgesRemoved.length === 0;
