import { emptyDocument, insert, KIND_NAMES, makeEdge, makeNode, NODE_KINDS, type BmadDocument, type BmadEdge } from '../core';

/**
 * A canvas of n nodes on a grid, every kind in turn, with comb-tree edges between compatible ports:
 * the shape the React Flow anchor benchmark uses, but a valid .bmad document.
 */
export function generateCanvas(n: number): BmadDocument {
  const cols = Math.ceil(Math.sqrt(n));
  const nodes = Array.from({ length: n }, (_, i) =>
    makeNode(KIND_NAMES[i % KIND_NAMES.length]!, { x: (i % cols) * 280, y: Math.floor(i / cols) * 240 }, `Node ${i}`),
  );
  const edges: BmadEdge[] = [];
  const filled = new Set<string>();
  for (let i = 1; i < n; i++) {
    const target = nodes[i]!;
    const from = i % cols > 0 ? i - 1 : i - cols;
    for (const s of [from, i - 1, i - 2, i - 3]) {
      const source = nodes[s];
      if (!source) continue;
      const input = NODE_KINDS[target.kind].inputs.find(
        (p) => !filled.has(`${target.id}/${p.id}`) && NODE_KINDS[source.kind].outputs.some((o) => o.type === p.type),
      );
      if (!input) continue;
      const output = NODE_KINDS[source.kind].outputs.find((o) => o.type === input.type)!;
      filled.add(`${target.id}/${input.id}`);
      edges.push(makeEdge(source.id, output.id, target.id, input.id));
      break;
    }
  }
  const r = insert(emptyDocument(), nodes, edges);
  if (!r.ok) throw new Error(`generated canvas is invalid: ${r.message}`);
  return r.doc;
}
