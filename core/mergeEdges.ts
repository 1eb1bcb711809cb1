import { connect } from './ops';
import { edgeProblem, type BmadDocument, type BmadEdge, type BmadNode, type Conflict } from './schema';

/**
 * The edges of a merge, once its nodes are known. Ours' edges stay unless theirs removed them;
 * theirs' additions are connected one by one with the same checks as a gesture, so a single input
 * both sides filled, or a cycle the two sides close together, keeps ours and records theirs. No edge
 * is left pointing at a node the merge removed.
 */

export interface EdgeSides {
  readonly base: ReadonlyMap<string, BmadEdge>;
  readonly ours: readonly BmadEdge[];
  readonly theirs: readonly BmadEdge[];
  /** Nodes a delete-versus-change conflict kept, by the side that kept them. */
  readonly keptBy: ReadonlyMap<string, 'ours' | 'theirs'>;
}

export interface EdgeMerge {
  readonly edges: BmadEdge[];
  readonly conflicts: Conflict[];
}

const touches = (e: BmadEdge, keptBy: EdgeSides['keptBy'], side: 'ours' | 'theirs') =>
  keptBy.get(e.source) === side || keptBy.get(e.target) === side;

export function mergeEdges(nodes: readonly BmadNode[], s: EdgeSides): EdgeMerge {
  const theirsIds = new Set(s.theirs.map((e) => e.id));
  const oursIds = new Set(s.ours.map((e) => e.id));
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const conflicts: Conflict[] = [];
  const edges: BmadEdge[] = [];
  for (const e of s.ours) {
    // Removed by theirs, unless only because theirs deleted a node the merge keeps.
    if (s.base.has(e.id) && !theirsIds.has(e.id) && !touches(e, s.keptBy, 'ours')) continue;
    const problem = edgeProblem(byId, e);
    if (problem) conflicts.push({ on: 'edge', edge: e.id, reason: problem.message, base: s.base.get(e.id) ?? null, ours: e, theirs: null });
    else edges.push(e);
  }
  let doc: BmadDocument = { version: 1, nodes: [...nodes], edges };
  for (const e of s.theirs) {
    if (oursIds.has(e.id)) continue;
    if (s.base.has(e.id) && !touches(e, s.keptBy, 'theirs')) continue;
    const r = connect(doc, e);
    if (r.ok) doc = r.doc;
    else conflicts.push({ on: 'edge', edge: e.id, reason: r.message, base: s.base.get(e.id) ?? null, ours: null, theirs: e });
  }
  return { edges: doc.edges, conflicts };
}
