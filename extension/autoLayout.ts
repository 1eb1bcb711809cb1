import type ELK from 'elkjs/lib/elk.bundled.js';
import { NODE_KINDS, type BmadDocument, type Op } from '../core';

/**
 * Lays a canvas out left → right with ELK's layered algorithm, using the fixed card sizes from core.
 * Returns one `move` op (so the whole layout is one undo step), or undefined when nothing moves.
 * Pure apart from ELK itself; no `vscode`, so it is unit-tested and the CLI could use it too.
 */
const LAYOUT_OPTIONS = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.spacing.nodeNode': '48',
  'elk.layered.spacing.nodeNodeBetweenLayers': '96',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  // Keeps unconnected groups (a stray style, a second storyline) in one picture instead of a row.
  'elk.separateConnectedComponents': 'true',
};

let elk: InstanceType<typeof ELK> | undefined;

export async function autoLayoutOp(doc: BmadDocument): Promise<Extract<Op, { type: 'move' }> | undefined> {
  if (doc.nodes.length === 0) return undefined;
  // ELK is most of the extension bundle: loaded on first use, so activation does not evaluate it.
  if (!elk) {
    const { default: Elk } = await import('elkjs/lib/elk.bundled.js');
    elk = new Elk();
  }
  const graph = await elk.layout({
    id: 'root',
    layoutOptions: LAYOUT_OPTIONS,
    children: doc.nodes.map((n) => ({ id: n.id, ...NODE_KINDS[n.kind].size })),
    edges: doc.edges.map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  });
  // Keep the graph's top-left corner where it was, so the canvas does not jump away from the view.
  const minX = Math.min(...doc.nodes.map((n) => n.position.x));
  const minY = Math.min(...doc.nodes.map((n) => n.position.y));
  const laid = graph.children ?? [];
  const lx = Math.min(...laid.map((c) => c.x ?? 0));
  const ly = Math.min(...laid.map((c) => c.y ?? 0));
  const before = new Map(doc.nodes.map((n) => [n.id, n.position]));
  const moves = laid
    .map((c) => ({ id: c.id, x: Math.round((c.x ?? 0) - lx + minX), y: Math.round((c.y ?? 0) - ly + minY) }))
    .filter((m) => {
      const p = before.get(m.id);
      return p !== undefined && (p.x !== m.x || p.y !== m.y);
    });
  return moves.length ? { type: 'move', moves } : undefined;
}
