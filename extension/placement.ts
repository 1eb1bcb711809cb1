import { NODE_KINDS, type BmadDocument, type NodeKind } from '../core';

/** Horizontal gap between a new node and the one it is placed after. */
const GAP = 80;

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const boxOf = (n: BmadDocument['nodes'][number]): Box => ({ ...n.position, ...NODE_KINDS[n.kind].size });
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/**
 * Where "Add Node" puts a new node. The host cannot see the viewport, so it places the node right of
 * the rightmost selected node (or of the rightmost node when nothing is selected), at that node's
 * height, then moves it down until it covers no other card. Pure, so it is unit-tested.
 */
export function freeSpot(doc: BmadDocument, kind: NodeKind, selection: readonly string[] = []): { x: number; y: number } {
  const chosen = new Set(selection);
  const anchors = doc.nodes.filter((n) => chosen.has(n.id));
  const from = anchors.length ? anchors : doc.nodes;
  if (from.length === 0) return { x: 0, y: 0 };
  const rightmost = from.map(boxOf).reduce((a, b) => (b.x + b.width > a.x + a.width ? b : a));
  const size = NODE_KINDS[kind].size;
  const spot: Box = { x: rightmost.x + rightmost.width + GAP, y: rightmost.y, ...size };
  const others = doc.nodes.map(boxOf);
  // Bounded: each step passes at least one card, so at most one step per node.
  for (let i = 0; i <= others.length; i++) {
    const hit = others.find((o) => overlaps(o, spot));
    if (!hit) break;
    spot.y = hit.y + hit.height + GAP / 2;
  }
  return { x: spot.x, y: spot.y };
}
