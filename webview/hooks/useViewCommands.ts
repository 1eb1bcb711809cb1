import { useStoreApi } from '@xyflow/react';
import { useEffect } from 'react';
import { kindSpec, type NodeKind } from '../../core/nodes';
import { makeNode } from '../../core/ops';
import { insertAndSelect, insertOp } from '../canvas/selectionOps';
import type { CanvasSession } from '../state/session';
import { useSession } from './useSession';

const GRID = 16;

function addNodeAtCenter(session: CanvasSession, kind: NodeKind, transform: [number, number, number], width: number, height: number): void {
  const [tx, ty, k] = transform;
  const size = kindSpec(kind).size;
  let x = (width / 2 - tx) / k - size.width / 2;
  let y = (height / 2 - ty) / k - size.height / 2;
  if (session.ui.get().settings.snapToGrid) {
    x = Math.round(x / GRID) * GRID;
    y = Math.round(y / GRID) * GRID;
  }
  insertAndSelect(session, insertOp([makeNode(kind, { x, y })]));
}

/** Carries out the host's commands that need the viewport (fit view, add a node at its centre). */
export function useViewCommands(fitView: () => void): void {
  const session = useSession();
  const store = useStoreApi();
  useEffect(
    () =>
      session.onViewCommand((c) => {
        if (c.command === 'fitView') return fitView();
        const { transform, width, height } = store.getState();
        addNodeAtCenter(session, c.kind, transform, width, height);
      }),
    [session, store, fitView],
  );
}
