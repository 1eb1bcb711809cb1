import { Position, type NodeHandle } from '@xyflow/react';
import { kindSpec, type NodeKind } from '../../../core/nodes';

/**
 * Card geometry shared by the DOM (handle placement) and React Flow (declared handle bounds): because
 * every kind has a fixed size in core and handles sit at known offsets, React Flow never measures a
 * node, so a node can be culled, mounted late or drawn on a canvas without ever touching the DOM.
 */
export const HEADER_HEIGHT = 30;
export const PORT_TOP = 44;
export const PORT_STEP = 20;
export const HANDLE_SIZE = 12;

export const portY = (index: number): number => PORT_TOP + index * PORT_STEP;

const handleCache = new Map<NodeKind, NodeHandle[]>();

/** Handle bounds in node coordinates, as React Flow's `node.handles` expects them. */
export function handlesOf(kind: NodeKind): NodeHandle[] {
  let hs = handleCache.get(kind);
  if (hs) return hs;
  const spec = kindSpec(kind);
  const half = HANDLE_SIZE / 2;
  hs = [
    ...spec.inputs.map((p, i) => ({ id: p.id, type: 'target' as const, position: Position.Left, x: -half, y: portY(i) - half, width: HANDLE_SIZE, height: HANDLE_SIZE })),
    ...spec.outputs.map((p, i) => ({ id: p.id, type: 'source' as const, position: Position.Right, x: spec.size.width - half, y: portY(i) - half, width: HANDLE_SIZE, height: HANDLE_SIZE })),
  ];
  handleCache.set(kind, hs);
  return hs;
}
