import { getViewportForBounds } from '@xyflow/react';
import { kindSpec } from '../../core/nodes';
import type { BmadNode } from '../../core/schema';
import type { Viewport } from '../state/uiState';
import { topBand } from './overlays';

export const MIN_ZOOM = 0.02;
export const MAX_ZOOM = 2;
/** Space kept free around the cards at fit view (CSS px), besides the widgets' band at the top. */
export const FIT_MARGIN = 32;

export interface Bounds {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The box around the given nodes' cards, or undefined when there are none. */
export function nodeBounds(nodes: Iterable<BmadNode>): Bounds | undefined {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const n of nodes) {
    const { width, height } = kindSpec(n.kind).size;
    minX = Math.min(minX, n.position.x); minY = Math.min(minY, n.position.y);
    maxX = Math.max(maxX, n.position.x + width); maxY = Math.max(maxY, n.position.y + height);
  }
  return minX === Infinity ? undefined : { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

/**
 * The viewport that shows every node below the widgets' band (overlays.ts), at most at zoom 1;
 * computed from the document, not React Flow (which may hold no nodes while zoomed out).
 */
export function fitViewport(nodes: Iterable<BmadNode>, width: number, height: number, showMinimap: boolean): Viewport {
  const b = nodeBounds(nodes);
  if (!b) return { x: width / 2, y: height / 2, zoom: 1 };
  const m = `${FIT_MARGIN}px`;
  const padding = { top: `${topBand(showMinimap)}px`, left: m, right: m, bottom: m } as const;
  return getViewportForBounds(b, width, height, MIN_ZOOM, Math.min(1, MAX_ZOOM), padding);
}
