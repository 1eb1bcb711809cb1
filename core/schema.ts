import { z } from 'zod';
import { issueMessage, type DocIssue } from './issues';
import { NodeNames, portPhrase } from './nodeNames';
import { KIND_NAMES, NODE_KINDS, type NodeKind } from './nodes';
import type { PortSpec } from './ports';

export const SCHEMA_VERSION = 1;

/** Short random ids: two people adding nodes at the same time never pick the same one. */
export const NodeId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'expected an id of letters, digits, _ or -');

/**
 * Canvas coordinates are bounded: a position an op may produce must be one the file accepts, or one
 * gesture could leave a canvas that no longer opens. A billion pixels is far beyond any real canvas.
 */
export const POSITION_LIMIT = 1_000_000_000;
const Coordinate = z.number().int().min(-POSITION_LIMIT).max(POSITION_LIMIT);

export const Position = z.strictObject({ x: Coordinate, y: Coordinate });
export type Position = z.infer<typeof Position>;

const nodeSchemas = KIND_NAMES.map((kind) =>
  z.strictObject({
    id: NodeId,
    kind: z.literal(kind),
    label: z.string().max(200),
    position: Position,
    params: NODE_KINDS[kind].params,
  }),
);

// Built by a loop, so zod cannot infer the tie between `kind` and `params`: the type below states it.
export const BmadNode = z.discriminatedUnion('kind', nodeSchemas as unknown as [(typeof nodeSchemas)[number]]) as unknown as z.ZodType<BmadNode>;

/** The params of a node of kind K, as its kind's schema (core/nodes/<kind>.ts) says. */
export type ParamsOf<K extends NodeKind> = z.infer<(typeof NODE_KINDS)[K]['params']>;

/** A node of one kind: `kind` tells TypeScript what its params are. */
export interface NodeOf<K extends NodeKind> {
  id: string;
  kind: K;
  label: string;
  position: Position;
  params: ParamsOf<K>;
}

/** A node as the studio handles it: a union by kind, each with its params as `BmadNode` checks them. */
export type BmadNode = { [K in NodeKind]: NodeOf<K> }[NodeKind];

/** A node's param by name, for code that handles every kind alike (the inspector, diffs, the serializer). */
export function paramOf(node: BmadNode, key: string): unknown {
  return (node.params as Readonly<Record<string, unknown>>)[key];
}

/** Whether a node is of kind K, narrowing its params. */
export function isKind<K extends NodeKind>(node: BmadNode | undefined, kind: K): node is Extract<BmadNode, { kind: K }> {
  return node?.kind === kind;
}

/**
 * A node from parts checked elsewhere (an op validated its params against its kind with
 * validateParams, a Y.Doc holds only what such ops wrote): the one place that joins them untyped.
 */
export function nodeFrom(parts: { id: string; kind: NodeKind; label: string; position: Position; params: Readonly<Record<string, unknown>> }): BmadNode {
  return parts as BmadNode;
}

export const BmadEdge = z.strictObject({
  id: NodeId,
  source: NodeId,
  sourcePort: z.string().min(1),
  target: NodeId,
  targetPort: z.string().min(1),
});
export type BmadEdge = z.infer<typeof BmadEdge>;

/**
 * What a merge could not decide, kept in the file until someone chooses (core/merge.ts). The canvas
 * holds ours' side; each entry keeps base, ours and theirs whole, so nothing of either side is lost.
 * `null` is "absent": no param key (params are never null), or no node/edge on that side.
 */
const Json = z.json();
export const Conflict = z.discriminatedUnion('on', [
  z.strictObject({ on: z.literal('param'), node: NodeId, param: z.string().min(1), base: Json, ours: Json, theirs: Json }),
  z.strictObject({ on: z.literal('label'), node: NodeId, base: z.string(), ours: z.string(), theirs: z.string() }),
  z.strictObject({ on: z.literal('node'), node: NodeId, base: BmadNode.nullable(), ours: BmadNode.nullable(), theirs: BmadNode.nullable() }),
  z.strictObject({
    on: z.literal('edge'), edge: NodeId, reason: z.string(), base: BmadEdge.nullable(), ours: BmadEdge.nullable(), theirs: BmadEdge.nullable(),
  }),
]);
export type Conflict = z.infer<typeof Conflict>;

export interface BmadDocument {
  version: typeof SCHEMA_VERSION;
  nodes: BmadNode[];
  edges: BmadEdge[];
  /** Only in a canvas a merge left undecided; absent (never empty) otherwise. */
  conflicts?: Conflict[];
}

const DocumentShape = z.strictObject({
  version: z.literal(SCHEMA_VERSION),
  nodes: z.array(BmadNode),
  edges: z.array(BmadEdge),
  conflicts: z.array(Conflict).optional(),
});

function port(ports: readonly PortSpec[], id: string): PortSpec | undefined {
  return ports.find((p) => p.id === id);
}

/**
 * Checks that zod cannot express per field: ids are unique, edges join existing ports of the same type,
 * a single input takes one edge, and the graph has no cycle.
 */
export function graphIssues(doc: BmadDocument): DocIssue[] {
  const issues: DocIssue[] = [];
  const nodes = new Map<string, BmadNode>();
  doc.nodes.forEach((n, i) => {
    if (nodes.has(n.id)) issues.push({ path: ['nodes', i, 'id'], message: `duplicate node id "${n.id}"` });
    nodes.set(n.id, n);
  });
  const edgeIds = new Set<string>();
  const filled = new Map<string, number>();
  // Names are counted only once a message needs one: a valid canvas never pays for them.
  let counted: NodeNames | undefined;
  const names = () => (counted ??= new NodeNames(doc.nodes));
  doc.edges.forEach((e, i) => {
    if (edgeIds.has(e.id)) issues.push({ path: ['edges', i, 'id'], message: `duplicate edge id "${e.id}"` });
    edgeIds.add(e.id);
    const problem = edgeProblem(nodes, e, names);
    if (problem) {
      issues.push({ path: ['edges', i, problem.field], message: problem.message });
      return;
    }
    const key = `${e.target}\u0000${e.targetPort}`;
    const target = nodes.get(e.target)!;
    const spec = port(NODE_KINDS[target.kind].inputs, e.targetPort)!;
    if (!spec.multiple && filled.has(key)) {
      const which = `${portPhrase(spec, 'input')} of ${names().of(target)}`;
      issues.push({ path: ['edges', i], message: `${which} already has an edge (edges[${filled.get(key)!}])` });
    }
    filled.set(key, i);
  });
  if (issues.length === 0) {
    const cycle = findCycle(doc);
    if (cycle !== undefined) issues.push({ path: ['edges', cycle], message: 'this edge closes a cycle; a canvas must flow one way' });
  }
  return issues;
}

/**
 * Why an edge cannot exist between these ends, or undefined when it can. Nodes are named by label
 * among `names()` (all of `nodes` when not given), asked for only when there is something to say:
 * connecting checks this on every hover.
 */
export function edgeProblem(
  nodes: ReadonlyMap<string, BmadNode>,
  e: Pick<BmadEdge, 'source' | 'sourcePort' | 'target' | 'targetPort'>,
  names: () => NodeNames = () => new NodeNames(nodes.values()),
): { field: 'source' | 'sourcePort' | 'target' | 'targetPort'; message: string } | undefined {
  const source = nodes.get(e.source);
  if (!source) return { field: 'source', message: `no node with id "${e.source}"` };
  const target = nodes.get(e.target);
  if (!target) return { field: 'target', message: `no node with id "${e.target}"` };
  const name = (n: BmadNode) => names().of(n);
  if (source.id === target.id) return { field: 'target', message: `${name(source)} cannot connect to itself` };
  const out = port(NODE_KINDS[source.kind].outputs, e.sourcePort);
  if (!out) return { field: 'sourcePort', message: `${name(source)} has no output "${e.sourcePort}"` };
  const inp = port(NODE_KINDS[target.kind].inputs, e.targetPort);
  if (!inp) return { field: 'targetPort', message: `${name(target)} has no input "${e.targetPort}"` };
  if (out.type !== inp.type) {
    return {
      field: 'targetPort',
      message: `cannot connect ${portPhrase(out, 'output')} of ${name(source)} to ${portPhrase(inp, 'input')} of ${name(target)}`,
    };
  }
  return undefined;
}

/** Index of an edge that closes a cycle, found by Kahn's algorithm; undefined for a DAG. */
export function findCycle(doc: Pick<BmadDocument, 'nodes' | 'edges'>): number | undefined {
  const indegree = new Map<string, number>(doc.nodes.map((n) => [n.id, 0]));
  const out = new Map<string, string[]>();
  for (const e of doc.edges) {
    indegree.set(e.target, (indegree.get(e.target) ?? 0) + 1);
    const list = out.get(e.source);
    if (list) list.push(e.target);
    else out.set(e.source, [e.target]);
  }
  const ready = [...indegree].filter(([, d]) => d === 0).map(([id]) => id);
  let seen = 0;
  while (ready.length) {
    const id = ready.pop()!;
    seen++;
    for (const t of out.get(id) ?? []) {
      const d = indegree.get(t)! - 1;
      indegree.set(t, d);
      if (d === 0) ready.push(t);
    }
  }
  if (seen === indegree.size) return undefined;
  const i = doc.edges.findIndex((e) => (indegree.get(e.target) ?? 0) > 0 && (indegree.get(e.source) ?? 0) > 0);
  return i < 0 ? 0 : i;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

export type ValidateResult = { ok: true; doc: BmadDocument } | { ok: false; issues: DocIssue[] };

/** Validates a parsed, migrated value as a version-1 document. */
export function validateDocument(value: unknown): ValidateResult {
  const parsed = DocumentShape.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((iss) => ({
      path: iss.path.filter((p): p is string | number => typeof p !== 'symbol'),
      message: issueMessage(iss, valueAt(value, iss.path)),
    }));
    return { ok: false, issues };
  }
  const doc = parsed.data as BmadDocument;
  // "No conflicts" has one form, the absent field, so that the canonical text has one too.
  if (doc.conflicts?.length === 0) delete doc.conflicts;
  const issues = graphIssues(doc);
  return issues.length ? { ok: false, issues } : { ok: true, doc };
}

/** Validates one node's params against its kind; used by ops and the inspector. */
export function validateParams(kind: NodeKind, params: unknown): { ok: true; params: Record<string, unknown> } | { ok: false; issues: DocIssue[] } {
  const r = NODE_KINDS[kind].params.safeParse(params);
  if (r.success) return { ok: true, params: r.data as Record<string, unknown> };
  return {
    ok: false,
    issues: r.error.issues.map((iss) => ({
      path: iss.path.filter((p): p is string | number => typeof p !== 'symbol'),
      message: issueMessage(iss, valueAt(params, iss.path)),
    })),
  };
}
