import type { NodeKind } from '../../core/nodes';
import { makeEdge, makeNode } from '../../core/ops';
import { SCHEMA_VERSION, type BmadDocument, type BmadEdge, type BmadNode } from '../../core/schema';

/**
 * The benchmark canvas: n nodes on a grid with a comb tree of n-1 edges, like the React Flow anchor's
 * (row neighbours chained, first column chaining the rows), but every edge typed and legal so the
 * document passes core's validation. Columns repeat shot → image → video → audio: a shot feeds the
 * image and audio after it and the next shot four columns on; an image feeds the video after it.
 * Three quarters of the cards are the taller generating kind: a worst case for the renderer.
 */
export const GRID_DX = 320;
export const GRID_DY = 260;

const PATTERN: readonly NodeKind[] = ['shot', 'image', 'video', 'audio'];

export function gridCanvas(n: number): BmadDocument {
  const cols = Math.ceil(Math.sqrt(n));
  const nodes: BmadNode[] = [];
  const edges: BmadEdge[] = [];
  for (let i = 0; i < n; i++) {
    const r = Math.floor(i / cols), c = i % cols;
    const kind = PATTERN[c % 4]!;
    const node = makeNode(kind, { x: c * GRID_DX, y: r * GRID_DY }, `${kind} ${r}.${c}`);
    nodes.push(node);
    const at = (cc: number) => nodes[r * cols + cc]!.id;
    if (c === 0 && r > 0) edges.push(makeEdge(nodes[(r - 1) * cols]!.id, 'shot', node.id, 'scene'));
    else if (kind === 'shot' && c > 0) edges.push(makeEdge(at(c - 4), 'shot', node.id, 'scene'));
    else if (kind === 'image') edges.push(makeEdge(at(c - 1), 'shot', node.id, 'shot'));
    else if (kind === 'video') edges.push(makeEdge(at(c - 1), 'image', node.id, 'image'));
    else if (kind === 'audio') edges.push(makeEdge(at(c - 3), 'shot', node.id, 'shot'));
  }
  return { version: SCHEMA_VERSION, nodes, edges };
}
