import { z } from 'zod';
import { newId } from './ids';
import { formatPath } from './issues';
import { isNodeKind, NODE_KINDS, type NodeKind } from './nodes';
import { nodeName, portPhrase } from './nodeNames';
import {
  BmadEdge, BmadNode, edgeProblem, findCycle, nodeFrom, Position, POSITION_LIMIT, validateParams, type BmadDocument,
} from './schema';

/** A move may land between pixels; it is rounded, and rounding keeps it within the document's bound. */
const MoveCoordinate = z.number().min(-POSITION_LIMIT).max(POSITION_LIMIT);

const SINGLE_OPS = [
  z.strictObject({ type: z.literal('insert'), nodes: z.array(BmadNode).max(10000), edges: z.array(BmadEdge).max(20000) }),
  z.strictObject({ type: z.literal('remove'), nodeIds: z.array(z.string()).max(10000), edgeIds: z.array(z.string()).max(20000) }),
  z.strictObject({
    type: z.literal('move'),
    moves: z.array(z.strictObject({ id: z.string(), x: MoveCoordinate, y: MoveCoordinate })).max(10000),
  }),
  z.strictObject({ type: z.literal('connect'), edge: BmadEdge }),
  z.strictObject({ type: z.literal('setParams'), id: z.string(), params: z.record(z.string(), z.unknown()) }),
  z.strictObject({ type: z.literal('rename'), id: z.string(), label: z.string().max(200) }),
] as const;

/** An op that is not a batch: what a batch holds (one level, so the schema stays non-recursive). */
export const SingleOp = z.discriminatedUnion('type', SINGLE_OPS);
export type SingleOp = z.infer<typeof SingleOp>;

/**
 * Semantic operations on a canvas. Each is plain data (so it can cross the webview boundary and be
 * checked by zod) and is applied by a pure function that returns a new document or says why not.
 * A `batch` applies its ops in order, all or nothing: a diff, a revert or a restore is one edit.
 */
export const Op = z.discriminatedUnion('type', [
  ...SINGLE_OPS,
  z.strictObject({ type: z.literal('batch'), ops: z.array(SingleOp).max(50000) }),
]);
export type Op = z.infer<typeof Op>;

export type OpResult = { ok: true; doc: BmadDocument } | { ok: false; message: string };

const fail = (message: string): OpResult => ({ ok: false, message });

export function applyOp(doc: BmadDocument, op: Op): OpResult {
  switch (op.type) {
    case 'insert':
      return insert(doc, op.nodes as BmadNode[], op.edges);
    case 'remove':
      return remove(doc, op.nodeIds, op.edgeIds);
    case 'move':
      return move(doc, op.moves);
    case 'connect':
      return connect(doc, op.edge);
    case 'setParams':
      return setParams(doc, op.id, op.params);
    case 'rename':
      return rename(doc, op.id, op.label);
    case 'batch':
      return batch(doc, op.ops);
  }
}

/** Applies ops in order; the first that fails fails the whole batch, naming which op it was. */
export function batch(doc: BmadDocument, ops: readonly SingleOp[]): OpResult {
  let next = doc;
  for (let i = 0; i < ops.length; i++) {
    const r = applyOp(next, ops[i]!);
    if (!r.ok) return fail(ops.length === 1 ? r.message : `op ${i + 1} of ${ops.length} (${ops[i]!.type}): ${r.message}`);
    next = r.doc;
  }
  return { ok: true, doc: next };
}

/** Adds nodes and edges together (add, paste, duplicate), all or nothing. */
export function insert(doc: BmadDocument, nodes: readonly BmadNode[], edges: readonly BmadEdge[]): OpResult {
  const ids = new Set(doc.nodes.map((n) => n.id));
  for (const n of nodes) {
    if (ids.has(n.id)) return fail(`a node with id "${n.id}" already exists`);
    ids.add(n.id);
  }
  const placed: BmadNode[] = [];
  for (const n of nodes) {
    const position = rounded(n.position);
    if (typeof position === 'string') return fail(`${nodeName(n)}: ${position}`);
    placed.push({ ...n, position });
  }
  let next: BmadDocument = { ...doc, nodes: [...doc.nodes, ...placed] };
  for (const e of edges) {
    const r = connect(next, e);
    if (!r.ok) return r;
    next = r.doc;
  }
  return { ok: true, doc: next };
}

/**
 * The position a node gets, checked by the document's own schema: the ops are applied without zod
 * by callers inside the studio too, and no op may leave a document that would not read back.
 */
function rounded(p: { x: number; y: number }): Position | string {
  const position = { x: Math.round(p.x), y: Math.round(p.y) };
  if (Position.safeParse(position).success) return position;
  return `position (${p.x}, ${p.y}) is outside the canvas (±${POSITION_LIMIT})`;
}

/** Removes nodes with every edge that touches them, and the given edges. Unknown ids are ignored. */
export function remove(doc: BmadDocument, nodeIds: readonly string[], edgeIds: readonly string[] = []): OpResult {
  const gone = new Set(nodeIds);
  const goneEdges = new Set(edgeIds);
  return {
    ok: true,
    doc: {
      ...doc,
      nodes: doc.nodes.filter((n) => !gone.has(n.id)),
      edges: doc.edges.filter((e) => !goneEdges.has(e.id) && !gone.has(e.source) && !gone.has(e.target)),
    },
  };
}

export function move(doc: BmadDocument, moves: readonly { id: string; x: number; y: number }[]): OpResult {
  const to = new Map<string, Position>();
  for (const m of moves) {
    const position = rounded(m);
    if (typeof position === 'string') return fail(`node "${m.id}": ${position}`);
    to.set(m.id, position);
  }
  const ids = new Set(doc.nodes.map((n) => n.id));
  for (const id of to.keys()) if (!ids.has(id)) return fail(`no node with id "${id}"`);
  const nodes = doc.nodes.map((n) => (to.has(n.id) ? { ...n, position: to.get(n.id)! } : n));
  return { ok: true, doc: { ...doc, nodes } };
}

/** Type-checked: ports must exist and carry the same type, a single input takes one edge, no cycles. */
export function connect(doc: BmadDocument, edge: BmadEdge): OpResult {
  if (doc.edges.some((e) => e.id === edge.id)) return fail(`an edge with id "${edge.id}" already exists`);
  const nodes = new Map(doc.nodes.map((n) => [n.id, n]));
  const problem = edgeProblem(nodes, edge);
  if (problem) return fail(problem.message);
  const target = nodes.get(edge.target)!;
  const port = NODE_KINDS[target.kind].inputs.find((p) => p.id === edge.targetPort)!;
  const same = doc.edges.find((e) => e.target === edge.target && e.targetPort === edge.targetPort);
  if (same && same.source === edge.source && same.sourcePort === edge.sourcePort) return fail('these ports are already connected');
  if (same && !port.multiple) {
    return fail(`${portPhrase(port, 'input')} of ${nodeName(target, doc.nodes)} already has an edge; disconnect it first`);
  }
  const next = { ...doc, edges: [...doc.edges, edge] };
  if (findCycle(next) !== undefined) {
    return fail(`connecting ${nodeName(nodes.get(edge.source)!, doc.nodes)} to ${nodeName(target, doc.nodes)} would make a cycle`);
  }
  return { ok: true, doc: next };
}

export function disconnect(doc: BmadDocument, edgeIds: readonly string[]): OpResult {
  return remove(doc, [], edgeIds);
}

/** Merges a patch into a node's params; the result must satisfy the kind's schema. */
export function setParams(doc: BmadDocument, id: string, patch: Record<string, unknown>): OpResult {
  const node = doc.nodes.find((n) => n.id === id);
  if (!node) return fail(`no node with id "${id}"`);
  const merged: Record<string, unknown> = { ...node.params };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined || v === null) delete merged[k];
    else merged[k] = v;
  }
  const r = validateParams(node.kind, merged);
  if (!r.ok) {
    const name = nodeName(node, doc.nodes);
    return fail(r.issues.map((i) => `${name} params.${formatPath(i.path)}: ${i.message}`).join('; '));
  }
  return { ok: true, doc: { ...doc, nodes: doc.nodes.map((n) => (n.id === id ? nodeFrom({ ...n, params: r.params }) : n)) } };
}

export function rename(doc: BmadDocument, id: string, label: string): OpResult {
  if (!doc.nodes.some((n) => n.id === id)) return fail(`no node with id "${id}"`);
  return { ok: true, doc: { ...doc, nodes: doc.nodes.map((n) => (n.id === id ? { ...n, label } : n)) } };
}

// --- Builders: make the data for an op. Ids are chosen here, by the side that makes the gesture. ---

export function makeNode(kind: NodeKind, position: { x: number; y: number }, label?: string): BmadNode {
  const spec = NODE_KINDS[kind];
  return nodeFrom({
    id: newId('n'),
    kind,
    label: label ?? spec.title,
    position: { x: Math.round(position.x), y: Math.round(position.y) },
    params: spec.defaults(),
  });
}

export function makeEdge(source: string, sourcePort: string, target: string, targetPort: string): BmadEdge {
  return { id: newId('e'), source, sourcePort, target, targetPort };
}

/** Copies of the given nodes with fresh ids, offset, with the edges among them (duplicate, paste). */
export function duplicate(
  nodes: readonly BmadNode[],
  edges: readonly BmadEdge[],
  offset: { x: number; y: number } = { x: 32, y: 32 },
): { nodes: BmadNode[]; edges: BmadEdge[] } {
  const ids = new Map(nodes.map((n) => [n.id, newId('n')]));
  return {
    nodes: nodes.map((n) => ({
      ...structuredClone(n),
      id: ids.get(n.id)!,
      position: { x: Math.round(n.position.x + offset.x), y: Math.round(n.position.y + offset.y) },
    })),
    edges: edges
      .filter((e) => ids.has(e.source) && ids.has(e.target))
      .map((e) => ({ ...e, id: newId('e'), source: ids.get(e.source)!, target: ids.get(e.target)! })),
  };
}

/** The op that duplicates a selection inside a document. */
export function duplicateOp(doc: BmadDocument, nodeIds: readonly string[], offset?: { x: number; y: number }): Op {
  const chosen = new Set(nodeIds);
  const copy = duplicate(
    doc.nodes.filter((n) => chosen.has(n.id)),
    doc.edges.filter((e) => chosen.has(e.source) && chosen.has(e.target)),
    offset,
  );
  // The copies carry params that were valid in `doc`; the receiving side validates the op again anyway.
  return { type: 'insert', ...copy } as Op;
}

export { isNodeKind };
