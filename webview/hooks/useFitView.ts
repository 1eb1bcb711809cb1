import { getViewportForBounds, useReactFlow, useStoreApi } from '@xyflow/react';
import { useCallback } from 'react';
import { kindSpec } from '../../core/nodes';
import type { BmadNode } from '../../core/schema';
import type { Viewport } from '../state/uiState';
import { useSession } from './useSession';

export const MIN_ZOOM = 0.02;
export const MAX_ZOOM = 2;
const PADDING = 0.08;

/** The viewport that shows every node; computed from the document, not React Flow (which may hold none). */
export function fitViewport(nodes: Iterable<BmadNode>, width: number, height: number): Viewport {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const n of nodes) {
    const { width: w, height: h } = kindSpec(n.kind).size;
    minX = Math.min(minX, n.position.x); minY = Math.min(minY, n.position.y);
    maxX = Math.max(maxX, n.position.x + w); maxY = Math.max(maxY, n.position.y + h);
  }
  if (minX === Infinity) return { x: width / 2, y: height / 2, zoom: 1 };
  return getViewportForBounds({ x: minX, y: minY, width: maxX - minX, height: maxY - minY }, width, height, MIN_ZOOM, Math.min(1, MAX_ZOOM), PADDING);
}

export function useFitView(): () => void {
  const { doc } = useSession();
  const rf = useReactFlow();
  const store = useStoreApi();
  return useCallback(() => {
    const { width, height } = store.getState();
    void rf.setViewport(fitViewport(doc.nodeMap().values(), width, height));
  }, [doc, rf, store]);
}
