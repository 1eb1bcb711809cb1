import fc from 'fast-check';
import { KIND_NAMES, NODE_KINDS, nodeFrom, type BmadDocument, type BmadEdge, type BmadNode, type NodeKind } from '../../core';

/**
 * Random valid canvases for property tests. Nodes get default params with a random label, position and
 * (for generating kinds) seed; edges join type-compatible ports from an earlier node to a later one,
 * so the graph is acyclic by construction, and single inputs get at most one edge.
 */
const nodeArb = (i: number): fc.Arbitrary<BmadNode> =>
  fc
    .record({
      kind: fc.constantFrom(...KIND_NAMES),
      label: fc.string({ maxLength: 30, unit: 'grapheme' }),
      x: fc.integer({ min: -100000, max: 100000 }),
      y: fc.integer({ min: -100000, max: 100000 }),
      seed: fc.nat({ max: 0xffffffff }),
    })
    .map(({ kind, label, x, y, seed }) => {
      const params = NODE_KINDS[kind].defaults() as Record<string, unknown>;
      if ('seed' in params) params.seed = seed;
      return nodeFrom({ id: `n_${i.toString(36).padStart(4, '0')}`, kind, label, position: { x, y }, params });
    });

function compatibleEdges(nodes: readonly BmadNode[], picks: readonly number[]): BmadEdge[] {
  const edges: BmadEdge[] = [];
  const filled = new Set<string>();
  let pick = 0;
  for (let t = 1; t < nodes.length && pick < picks.length; t++) {
    const target = nodes[t]!;
    for (const input of NODE_KINDS[target.kind as NodeKind].inputs) {
      const r = picks[pick++ % picks.length]!;
      if (r % 3 !== 0) continue;
      const s = r % t;
      const source = nodes[s]!;
      const out = NODE_KINDS[source.kind as NodeKind].outputs.find((o) => o.type === input.type);
      const key = `${target.id}/${input.id}`;
      if (!out || (filled.has(key) && !input.multiple)) continue;
      if (edges.some((e) => e.source === source.id && e.target === target.id && e.targetPort === input.id)) continue;
      filled.add(key);
      edges.push({ id: `e_${edges.length.toString(36).padStart(4, '0')}`, source: source.id, sourcePort: out.id, target: target.id, targetPort: input.id });
    }
  }
  return edges;
}

export const documentArb = (maxNodes = 25): fc.Arbitrary<BmadDocument> =>
  fc.integer({ min: 0, max: maxNodes }).chain((n) =>
    fc
      .tuple(fc.tuple(...Array.from({ length: n }, (_, i) => nodeArb(i))), fc.array(fc.nat(), { minLength: 1, maxLength: 200 }))
      .map(([nodes, picks]) => ({ version: 1 as const, nodes: [...nodes], edges: compatibleEdges(nodes, picks) })),
  );
