import { paramOf, type BmadDocument, type BmadNode } from '../../core/schema';
import type { CanvasDoc } from './canvasDoc';
import { jsonEqual, nodeToY, paramsOf } from './yNode';

/**
 * Writes into the Y.Doc only the nodes, fields and params that differ from `doc` (call inside a
 * transaction). A node whose object is identical to the mirror's is skipped without a look, which
 * makes applying a core op (that shares unchanged nodes) cost O(changed) writes.
 */
export function diffIntoY(canvas: CanvasDoc, doc: BmadDocument, written: Map<string, BmadNode>): void {
  const { nodesRoot, edgesRoot } = canvas;
  const seen = new Set<string>();
  for (const n of doc.nodes) {
    seen.add(n.id);
    const cur = canvas.getNode(n.id);
    if (cur === n) continue;
    const y = nodesRoot.get(n.id);
    if (!cur || !y || cur.kind !== n.kind) {
      nodesRoot.set(n.id, nodeToY(n));
      // The mirror can take this object as it is instead of reading 5,000 fresh Y.Maps back.
      written.set(n.id, n);
      continue;
    }
    if (cur.label !== n.label) y.set('label', n.label);
    if (cur.position.x !== n.position.x || cur.position.y !== n.position.y) y.set('position', { x: n.position.x, y: n.position.y });
    if (cur.params === n.params) continue;
    const params = paramsOf(y);
    for (const [k, v] of Object.entries(n.params)) if (!jsonEqual(paramOf(cur, k), v)) params.set(k, v);
    for (const k of Object.keys(cur.params)) if (!(k in n.params)) params.delete(k);
  }
  for (const id of [...canvas.nodeMap().keys()]) if (!seen.has(id)) nodesRoot.delete(id);

  const seenEdges = new Set<string>();
  for (const e of doc.edges) {
    seenEdges.add(e.id);
    const cur = canvas.getEdge(e.id);
    if (cur === e || (cur && jsonEqual(cur, e))) continue;
    edgesRoot.set(e.id, { source: e.source, sourcePort: e.sourcePort, target: e.target, targetPort: e.targetPort });
  }
  for (const id of [...canvas.edgeMap().keys()]) if (!seenEdges.has(id)) edgesRoot.delete(id);
}
