import { duplicateOp, type Op } from '../../core/ops';
import type { BmadEdge, BmadNode } from '../../core/schema';
import type { CanvasSession } from '../state/session';

/** Gestures on the current selection, shared by the keyboard and the host's commands. */
export function removeSelection(session: CanvasSession): void {
  const { selection, selectedEdges } = session.ui.get();
  if (!selection.size && !selectedEdges.size) return;
  const r = session.dispatch({ type: 'remove', nodeIds: [...selection], edgeIds: [...selectedEdges] });
  if (r.ok) session.select([]);
}

export function duplicateSelection(session: CanvasSession, offset = { x: 32, y: 32 }): void {
  const { selection } = session.ui.get();
  if (!selection.size) return;
  insertAndSelect(session, duplicateOp(session.doc.toJSON(), [...selection], offset));
}

export function nudgeSelection(session: CanvasSession, dx: number, dy: number): void {
  const { selection } = session.ui.get();
  const moves = [];
  for (const id of selection) {
    const n = session.doc.getNode(id);
    if (n) moves.push({ id, x: n.position.x + dx, y: n.position.y + dy });
  }
  if (moves.length) session.dispatch({ type: 'move', moves });
}

/** Inserts nodes (add, paste, duplicate) and selects what was inserted, as one op. */
export function insertAndSelect(session: CanvasSession, op: Op): void {
  if (op.type !== 'insert') return;
  if (session.dispatch(op).ok) session.select(op.nodes.map((n) => n.id));
}

/**
 * An insert op from nodes typed as core's `BmadNode` (params as a record). The op schema types params
 * per kind; core's own builders cast the same way, and the host validates every op again.
 */
export function insertOp(nodes: readonly BmadNode[], edges: readonly BmadEdge[] = []): Op {
  return { type: 'insert', nodes: [...nodes], edges: [...edges] } as Op;
}
