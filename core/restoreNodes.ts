import { diffCanvases, type CanvasDiff } from './diff';
import { diffOps } from './diffOps';
import type { Op } from './ops';
import type { BmadDocument, BmadEdge } from './schema';

/**
 * The op that makes only the nodes `ids` what they were in `past`, as one batch (one undo step): a
 * removed node comes back, a changed one gets its kind, label, position and params back, one added
 * since is removed again. Their connections become what they were too, limited to edges whose two
 * ends exist once restored; every other node and edge stays as it is now.
 */
export function restoreNodesOps(current: BmadDocument, past: BmadDocument, ids: Iterable<string>): Op {
  const chosen = new Set(ids);
  const full = diffCanvases(current, past);
  const nodes = full.nodes.filter((n) => chosen.has(n.id));
  const present = new Set(current.nodes.map((n) => n.id));
  for (const n of nodes) {
    if (n.status === 'added') present.add(n.id);
    if (n.status === 'removed') present.delete(n.id);
  }
  // `added` and `removed` are from current's point of view: a node `added` by the diff is one of the past.
  const touches = (e: BmadEdge) => chosen.has(e.source) || chosen.has(e.target);
  const d: CanvasDiff = {
    nodes,
    edgesRemoved: full.edgesRemoved.filter(touches),
    edgesAdded: full.edgesAdded.filter((e) => touches(e) && present.has(e.source) && present.has(e.target)),
    reattached: full.reattached.filter(touches),
  };
  return diffOps(d);
}
