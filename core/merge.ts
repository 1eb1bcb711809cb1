import { canonicalJson } from './canonicalJson';
import { nodeChange } from './diff';
import { mergeEdges } from './mergeEdges';
import { mergeNode } from './mergeNode';
import type { BmadDocument, BmadEdge, BmadNode, Conflict } from './schema';

/**
 * Three-way merge of canvases per node, edge and param (ids are stable, so nodes are matched by id).
 * Independent edits merge: different nodes, different params of one node, nodes added on both sides,
 * a move on one side and a param edit on the other, the same change on both. What cannot be decided
 * is returned as conflicts and kept in the document's `conflicts` field (schema.ts), the canvas
 * holding ours' value, except that a node deleted on one side and changed on the other stays (with
 * its edges): a deletion is easy to redo, a lost node is not.
 */

export interface MergeResult {
  readonly doc: BmadDocument;
  readonly conflicts: readonly Conflict[];
  /** Decided without asking, but worth saying: a node moved on both sides keeps ours' position. */
  readonly notes: readonly string[];
}

const byIdMap = <T extends { id: string }>(items: readonly T[]) => new Map(items.map((x) => [x.id, x]));

/** Nodes a side connected a new edge to: that side changed them, even with no field changed. */
function connectedAnew(side: BmadDocument, base: ReadonlyMap<string, BmadEdge>): Set<string> {
  const ids = new Set<string>();
  for (const e of side.edges) if (!base.has(e.id)) ids.add(e.source).add(e.target);
  return ids;
}

/** Conflicts the inputs already carry, merged as a set: one side resolving an old one removes it. */
function carriedConflicts(base: BmadDocument, ours: BmadDocument, theirs: BmadDocument): Conflict[] {
  const keys = (d: BmadDocument) => new Set((d.conflicts ?? []).map((c) => canonicalJson(c)));
  const [b, o, t] = [keys(base), keys(ours), keys(theirs)];
  const out = new Map<string, Conflict>();
  for (const c of [...(ours.conflicts ?? []), ...(theirs.conflicts ?? [])]) {
    const k = canonicalJson(c);
    if ((o.has(k) && t.has(k)) || !b.has(k)) out.set(k, c);
  }
  return [...out.values()];
}

const conflictId = (c: Conflict): string => (c.on === 'edge' ? c.edge : c.node);

export function mergeCanvases(base: BmadDocument, ours: BmadDocument, theirs: BmadDocument): MergeResult {
  const [b, o, t] = [byIdMap(base.nodes), byIdMap(ours.nodes), byIdMap(theirs.nodes)];
  const baseEdges = byIdMap(base.edges);
  const changedBy = { ours: connectedAnew(ours, baseEdges), theirs: connectedAnew(theirs, baseEdges) };
  const nodes: BmadNode[] = [];
  const conflicts: Conflict[] = [];
  const notes: string[] = [];
  const keptBy = new Map<string, 'ours' | 'theirs'>();

  /** A node one side deleted: gone, unless the other side changed it (then kept, as a conflict). */
  const deletedBy = (id: string, was: BmadNode, other: BmadNode, side: 'ours' | 'theirs') => {
    const keeper = side === 'ours' ? 'theirs' : 'ours';
    if (!nodeChange(was, other) && !changedBy[keeper].has(id)) return;
    nodes.push(other);
    keptBy.set(id, keeper);
    const [oursNode, theirsNode] = side === 'ours' ? [null, other] : [other, null];
    conflicts.push({ on: 'node', node: id, base: was, ours: oursNode, theirs: theirsNode });
  };

  for (const id of new Set([...b.keys(), ...o.keys(), ...t.keys()])) {
    const [bn, on, tn] = [b.get(id), o.get(id), t.get(id)];
    if (bn && on && tn) {
      const m = mergeNode(bn, on, tn);
      nodes.push(m.node);
      conflicts.push(...m.conflicts);
      notes.push(...m.notes);
    } else if (bn && tn) deletedBy(id, bn, tn, 'ours');
    else if (bn && on) deletedBy(id, bn, on, 'theirs');
    else if (bn) continue;
    else if (on && tn && nodeChange(on, tn)) {
      // Ids are random: the same id added twice with different content is two people's choice.
      nodes.push(on);
      conflicts.push({ on: 'node', node: id, base: null, ours: on, theirs: tn });
    } else nodes.push((on ?? tn)!);
  }

  const edges = mergeEdges(nodes, { base: baseEdges, ours: ours.edges, theirs: theirs.edges, keptBy });
  const all = [...carriedConflicts(base, ours, theirs), ...conflicts, ...edges.conflicts];
  all.sort((x, y) => (conflictId(x) < conflictId(y) ? -1 : conflictId(x) > conflictId(y) ? 1 : 0));
  const doc: BmadDocument = { version: 1, nodes, edges: edges.edges, ...(all.length ? { conflicts: all } : {}) };
  return { doc, conflicts: all, notes };
}
