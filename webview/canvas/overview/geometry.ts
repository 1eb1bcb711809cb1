import Flatbush from 'flatbush';
import { kindSpec } from '../../../core/nodes';
import { PORT_TYPES, type PortType } from '../../../core/ports';
import type { BmadEdge, BmadNode } from '../../../core/schema';
import { HANDLE_SIZE, portY } from '../nodes/cardLayout';
import { kindPortType } from '../nodes/portColors';

/**
 * The whole canvas as flat typed arrays, built once per document version, so drawing it (overview
 * layer and minimap) is a tight loop over numbers with no object access and no allocation per frame;
 * the boxes are also in a packed R-tree (flatbush) for what is in view and what is under the pointer.
 */
export interface Geometry {
  readonly count: number;
  readonly ids: readonly string[];
  readonly labels: readonly string[];
  /** x, y, w, h per node. */
  readonly rects: Float64Array;
  /** Index into PORT_TYPES: the colour a node is drawn with. */
  readonly color: Uint8Array;
  readonly edgeCount: number;
  /** x1, y1, x2, y2 per edge (output port to input port). */
  readonly lines: Float64Array;
  readonly edgeColor: Uint8Array;
  readonly bounds: { x: number; y: number; width: number; height: number };
  /** Node indices by box; undefined when there are no nodes. */
  readonly tree: Flatbush | undefined;
}

const typeIndex = (t: PortType): number => PORT_TYPES.indexOf(t);

export function buildGeometry(nodes: ReadonlyMap<string, BmadNode>, edges: ReadonlyMap<string, BmadEdge>, positions?: ReadonlyMap<string, { x: number; y: number }>): Geometry {
  const count = nodes.size;
  const ids: string[] = [];
  const labels: string[] = [];
  const rects = new Float64Array(count * 4);
  const color = new Uint8Array(count);
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  let i = 0;
  for (const n of nodes.values()) {
    const { width, height } = kindSpec(n.kind).size;
    const p = positions?.get(n.id) ?? n.position;
    ids.push(n.id);
    labels.push(n.label);
    rects[i * 4] = p.x;
    rects[i * 4 + 1] = p.y;
    rects[i * 4 + 2] = width;
    rects[i * 4 + 3] = height;
    color[i] = typeIndex(kindPortType(n.kind));
    minX = Math.min(minX, p.x); minY = Math.min(minY, p.y);
    maxX = Math.max(maxX, p.x + width); maxY = Math.max(maxY, p.y + height);
    i++;
  }
  const lines = new Float64Array(edges.size * 4);
  const edgeColor = new Uint8Array(edges.size);
  let k = 0;
  for (const e of edges.values()) {
    const s = nodes.get(e.source), t = nodes.get(e.target);
    if (!s || !t) continue;
    const ss = kindSpec(s.kind), ts = kindSpec(t.kind);
    const oi = Math.max(0, ss.outputs.findIndex((p) => p.id === e.sourcePort));
    const ii = Math.max(0, ts.inputs.findIndex((p) => p.id === e.targetPort));
    const sp = positions?.get(s.id) ?? s.position, tp = positions?.get(t.id) ?? t.position;
    lines[k * 4] = sp.x + ss.size.width + HANDLE_SIZE / 2;
    lines[k * 4 + 1] = sp.y + portY(oi);
    lines[k * 4 + 2] = tp.x - HANDLE_SIZE / 2;
    lines[k * 4 + 3] = tp.y + portY(ii);
    edgeColor[k] = typeIndex(ss.outputs[oi]?.type ?? 'text');
    k++;
  }
  const bounds = count ? { x: minX, y: minY, width: maxX - minX, height: maxY - minY } : { x: 0, y: 0, width: 0, height: 0 };
  let tree: Flatbush | undefined;
  if (count) {
    tree = new Flatbush(count);
    for (let n = 0; n < count; n++) {
      const x = rects[n * 4]!, y = rects[n * 4 + 1]!;
      tree.add(x, y, x + rects[n * 4 + 2]!, y + rects[n * 4 + 3]!);
    }
    tree.finish();
  }
  return { count, ids, labels, rects, color, edgeCount: k, lines, edgeColor, bounds, tree };
}

/** Indices of the nodes whose box meets the rectangle, in drawing order. */
export function indicesIn(g: Geometry, x0: number, y0: number, x1: number, y1: number): number[] {
  return (g.tree?.search(x0, y0, x1, y1) ?? []).sort((a, b) => a - b);
}

/** The node under a point in flow coordinates (topmost = last drawn), for clicks on the overview. */
export function hitTest(g: Geometry, x: number, y: number): string | undefined {
  const under = indicesIn(g, x, y, x, y);
  return under.length ? g.ids[under[under.length - 1]!] : undefined;
}

/** Ids of nodes that intersect a flow-coordinate rectangle (box selection on the overview). */
export function nodesInRect(g: Geometry, r: { x: number; y: number; width: number; height: number }): string[] {
  return indicesIn(g, r.x, r.y, r.x + r.width, r.y + r.height).map((i) => g.ids[i]!);
}
