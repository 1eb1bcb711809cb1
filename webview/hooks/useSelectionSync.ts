import type { EdgeChange, Node, NodeChange, OnEdgesChange, OnNodeDrag, OnNodesChange, SelectionDragHandler } from '@xyflow/react';
import { useMemo } from 'react';
import type { CardNode, PortEdge } from '../canvas/nodes/flowTypes';
import type { DragDrafts } from '../state/dragDrafts';
import type { CanvasSession } from '../state/session';
import { useSession } from './useSession';

export interface FlowHandlers {
  readonly onNodesChange: OnNodesChange<CardNode>;
  readonly onEdgesChange: OnEdgesChange<PortEdge>;
  readonly onNodeDragStop: OnNodeDrag<CardNode>;
  readonly onSelectionDragStop: SelectionDragHandler<CardNode>;
}

/** One `move` op for everything a drag moved; nodes dropped where they started send nothing. */
function commitDrag(session: CanvasSession, drafts: DragDrafts, nodes: readonly Node[]): void {
  const moves = [];
  for (const n of nodes) {
    const cur = session.doc.getNode(n.id);
    const x = Math.round(n.position.x), y = Math.round(n.position.y);
    if (cur && (cur.position.x !== x || cur.position.y !== y)) moves.push({ id: n.id, x, y });
  }
  if (moves.length) session.dispatch({ type: 'move', moves });
  drafts.set({ positions: new Map() });
}

/**
 * React Flow runs controlled: its change events never edit the document directly. Selection goes
 * to the UI store; positions during a drag go to the drag drafts (redrawn every frame, never sent);
 * the drag's end becomes one op.
 */
export function useSelectionSync(drafts: DragDrafts): FlowHandlers {
  const session = useSession();
  return useMemo(() => ({
    onNodesChange: (changes: NodeChange<CardNode>[]) => {
      let positions: Map<string, { x: number; y: number }> | undefined;
      let selection: Set<string> | undefined;
      for (const c of changes) {
        if (c.type === 'position' && c.position) (positions ??= new Map(drafts.get().positions)).set(c.id, c.position);
        else if (c.type === 'select') {
          selection ??= new Set(session.ui.get().selection);
          if (c.selected) selection.add(c.id);
          else selection.delete(c.id);
        }
      }
      if (positions) drafts.set({ positions });
      if (selection) session.select(selection, session.ui.get().selectedEdges);
    },
    onEdgesChange: (changes: EdgeChange<PortEdge>[]) => {
      const edges = new Set(session.ui.get().selectedEdges);
      let touched = false;
      for (const c of changes) {
        if (c.type !== 'select') continue;
        touched = true;
        if (c.selected) edges.add(c.id);
        else edges.delete(c.id);
      }
      if (touched) session.select(session.ui.get().selection, edges);
    },
    onNodeDragStop: (_e, _node, nodes) => commitDrag(session, drafts, nodes),
    onSelectionDragStop: (_e, nodes) => commitDrag(session, drafts, nodes),
  }), [session, drafts]);
}
