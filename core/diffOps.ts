import { invertDiff, type CanvasDiff } from './diff';
import type { Op, SingleOp } from './ops';
import type { BmadNode } from './schema';

/**
 * One batch op that turns the diff's `before` into its `after`: apply(before, diffOps(d)) has the
 * canonical text of `after`. Removals come first and edges last, so every step is a valid canvas
 * (a single input is free before its new edge arrives; a subset of an acyclic graph stays acyclic).
 */
export function diffOps(d: CanvasDiff): Op {
  const ops: SingleOp[] = [];
  const replaced: BmadNode[] = [];
  const added: BmadNode[] = [];
  const removedIds: string[] = [];
  const moves: { id: string; x: number; y: number }[] = [];
  const edits: SingleOp[] = [];
  for (const n of d.nodes) {
    if (n.status === 'added') added.push(n.node);
    else if (n.status === 'removed') removedIds.push(n.id);
    else if (n.kindChanged) replaced.push(n.after);
    else {
      if (n.params.length) {
        // null removes a key (setParams); no param is ever null, so it cannot mean a value.
        const patch = Object.fromEntries(n.params.map((p) => [p.key, p.after === undefined ? null : p.after]));
        edits.push({ type: 'setParams', id: n.id, params: patch });
      }
      if (n.labelChanged) edits.push({ type: 'rename', id: n.id, label: n.after.label });
      if (n.moved) moves.push({ id: n.id, x: n.after.position.x, y: n.after.position.y });
    }
  }
  const goneIds = [...removedIds, ...replaced.map((n) => n.id)];
  if (goneIds.length || d.edgesRemoved.length) ops.push({ type: 'remove', nodeIds: goneIds, edgeIds: d.edgesRemoved.map((e) => e.id) });
  const newNodes = [...added, ...replaced];
  if (newNodes.length) ops.push({ type: 'insert', nodes: newNodes, edges: [] });
  ops.push(...edits);
  if (moves.length) ops.push({ type: 'move', moves });
  const edges = [...d.edgesAdded, ...d.reattached];
  if (edges.length) ops.push({ type: 'insert', nodes: [], edges });
  return { type: 'batch', ops };
}

/** The op that undoes diffOps(d): apply(after, revertOps(d)) has the canonical text of `before`. */
export function revertOps(d: CanvasDiff): Op {
  return diffOps(invertDiff(d));
}
