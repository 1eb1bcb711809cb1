import { kindSpec } from '../../../core/nodes';
import type { BmadNode } from '../../../core/schema';
import type { Geometry } from '../overview/geometry';

/** Black or white, whichever reads better on the peer's colour (the chips carry their own background). */
export function chipText(colour: string): string {
  const n = Number.parseInt(colour.slice(1), 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  return 0.299 * r + 0.587 * g + 0.114 * b > 150 ? '#000000' : '#ffffff';
}

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** Node id → index into the geometry's rects, built once per geometry. */
const indexes = new WeakMap<Geometry, Map<string, number>>();

export function boxOf(g: Geometry, id: string): Box | undefined {
  let index = indexes.get(g);
  if (!index) indexes.set(g, (index = new Map(g.ids.map((nodeId, i) => [nodeId, i]))));
  const i = index.get(id);
  if (i === undefined) return undefined;
  const r = g.rects;
  return { x: r[i * 4]!, y: r[i * 4 + 1]!, w: r[i * 4 + 2]!, h: r[i * 4 + 3]! };
}

/** A node's card as the canvas draws it (its kind's fixed size at its position); undefined when gone. */
export function nodeBox(n: BmadNode | undefined): Box | undefined {
  if (!n) return undefined;
  const { width, height } = kindSpec(n.kind).size;
  return { x: n.position.x, y: n.position.y, w: width, h: height };
}
