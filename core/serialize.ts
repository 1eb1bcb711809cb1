import { NODE_KINDS } from './nodes';
import { paramOf, type BmadDocument, type BmadEdge, type BmadNode, type Conflict } from './schema';

// Canonical form: fixed key order, nodes and edges sorted by id, two-space indent, trailing newline,
// and small flat values (a position, an edge, a palette) on one line so a move is a one-line diff.

const INLINE_WIDTH = 120;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Sorted by id, without sorting (or copying) when they already are: a parsed canvas always is. */
function sortedById<T extends { id: string }>(items: readonly T[]): readonly T[] {
  for (let i = 1; i < items.length; i++) if (items[i - 1]!.id > items[i]!.id) return [...items].sort(byId);
  return items;
}

const str = (s: string): string => JSON.stringify(s);

/**
 * Params keep the order their kind declares them in, which reads best. Per kind, computed once: that
 * order, and each key's line start as written.
 */
interface ParamLayout {
  readonly order: readonly string[];
  readonly lineStart: ReadonlyMap<string, string>;
}
const layouts = new Map<string, ParamLayout>();
const PARAM_INDENT = '        ';

function layoutOf(kind: BmadNode['kind']): ParamLayout {
  let layout = layouts.get(kind);
  if (!layout) {
    const order = Object.keys(NODE_KINDS[kind].params.shape);
    layouts.set(kind, (layout = { order, lineStart: new Map(order.map((k) => [k, `${PARAM_INDENT}${str(k)}: `])) }));
  }
  return layout;
}

function paramKeys(params: Record<string, unknown>, order: readonly string[]): string[] {
  const keys: string[] = [];
  for (const k of order) if (params[k] !== undefined) keys.push(k);
  let own = 0;
  for (const k in params) if (params[k] !== undefined) own++;
  // Validated params never have keys outside the schema; if some do, they still get a fixed place.
  if (own !== keys.length) {
    keys.push(...Object.keys(params).filter((k) => params[k] !== undefined && !order.includes(k)).sort());
  }
  return keys;
}

/**
 * The text of each node and edge as last written, by id. Documents are values: an op returns new
 * objects for what it changes and shares the rest, so a node that is the very same object as last
 * time has the same text, and after a gesture only the changed nodes are written again. Keyed by id
 * (strings hash once) and checked by identity; each call keeps only what the current document has.
 */
interface Written<T> {
  readonly of: T;
  readonly text: string;
}
let lastNodes = new Map<string, Written<BmadNode>>();
let lastEdges = new Map<string, Written<BmadEdge>>();

function writeAll<T extends { id: string }>(
  items: readonly T[],
  last: Map<string, Written<T>>,
  write: (item: T) => string,
): { texts: string[]; next: Map<string, Written<T>> } {
  const next = new Map<string, Written<T>>();
  const texts = items.map((item) => {
    const seen = last.get(item.id);
    const text = seen?.of === item ? seen.text : write(item);
    next.set(item.id, seen?.of === item ? seen : { of: item, text });
    return text;
  });
  return { texts, next };
}

// Nodes and edges are written by hand rather than through `write`, into one array joined once: a
// joined string is flat, while one built by `+` is a rope that every later join would walk again.
function writeNode(n: BmadNode): string {
  const I = '      ';
  const out = [
    `    {\n${I}"id": `, str(n.id), `,\n${I}"kind": `, str(n.kind), `,\n${I}"label": `, str(n.label),
    `,\n${I}"position": { "x": `, JSON.stringify(n.position.x), ', "y": ', JSON.stringify(n.position.y),
    ` },\n${I}"params": `,
  ];
  const layout = layoutOf(n.kind);
  const keys = paramKeys(n.params, layout.order);
  if (keys.length === 0) out.push('{}\n    }');
  else {
    out.push('{\n');
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k]!;
      const v = paramOf(n, key) as Json;
      out.push(layout.lineStart.get(key) ?? `${PARAM_INDENT}${str(key)}: `);
      out.push(v === null || typeof v !== 'object' ? scalar(v) : write(v, PARAM_INDENT, false));
      out.push(k < keys.length - 1 ? ',\n' : '\n');
    }
    out.push(I, '}\n    }');
  }
  return out.join('');
}

function writeEdge(e: BmadEdge): string {
  const [id, source, sourcePort] = [str(e.id), str(e.source), str(e.sourcePort)];
  const [target, targetPort] = [str(e.target), str(e.targetPort)];
  const line = [
    '    { "id": ', id, ', "source": ', source, ', "sourcePort": ', sourcePort,
    ', "target": ', target, ', "targetPort": ', targetPort, ' }',
  ].join('');
  if (line.length <= INLINE_WIDTH) return line;
  const I = '      ';
  const members = [
    `"id": ${id}`, `"source": ${source}`, `"sourcePort": ${sourcePort}`, `"target": ${target}`, `"targetPort": ${targetPort}`,
  ];
  return `    {\n${members.map((m) => I + m).join(',\n')}\n    }`;
}

const scalar = (v: null | boolean | number | string): string => (typeof v === 'string' ? str(v) : JSON.stringify(v));
const isFlat = (v: readonly unknown[]): boolean => v.every((x) => x === null || typeof x !== 'object');

/**
 * Writes one value inside params. Array elements are `inline`: flat ones fit on one line. Keys of
 * objects below params (a dialogue line) are sorted, so the text never depends on the order an
 * object was built in.
 */
function write(v: Json, indent: string, inline: boolean): string {
  if (v === null || typeof v !== 'object') return scalar(v);
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    if (isFlat(v)) {
      const line = `[${v.map((x) => scalar(x as null | boolean | number | string)).join(', ')}]`;
      if (line.length + indent.length <= INLINE_WIDTH) return line;
    }
    const inner = indent + '  ';
    let s = '[\n';
    for (let k = 0; k < v.length; k++) s += inner + write(v[k]!, inner, true) + (k < v.length - 1 ? ',\n' : '\n');
    return s + indent + ']';
  }
  const keys = Object.keys(v).filter((k) => v[k] !== undefined).sort();
  if (keys.length === 0) return '{}';
  if (inline && isFlat(keys.map((k) => v[k]))) {
    const line = `{ ${keys.map((k) => `${str(k)}: ${scalar(v[k] as null | boolean | number | string)}`).join(', ')} }`;
    if (line.length + indent.length <= INLINE_WIDTH) return line;
  }
  const inner = indent + '  ';
  let s = '{\n';
  for (let n = 0; n < keys.length; n++) {
    const k = keys[n]!;
    s += inner + str(k) + ': ' + write(v[k]!, inner, false) + (n < keys.length - 1 ? ',\n' : '\n');
  }
  return s + indent + '}';
}

/** Each entry's members in a fixed order (what it is about, then base, ours, theirs), values as params are. */
const CONFLICT_KEYS = ['on', 'node', 'edge', 'param', 'reason', 'base', 'ours', 'theirs'] as const;

function writeConflict(c: Conflict): string {
  const I = '      ';
  const record = c as Readonly<Record<string, unknown>>;
  const members = CONFLICT_KEYS.filter((k) => k in record).map((k) => `${I}${str(k)}: ${write(record[k] as Json, I, false)}`);
  return `    {\n${members.join(',\n')}\n    }`;
}

/** The one text a document has. Saving an unchanged canvas changes no byte. */
export function serializeDocument(doc: BmadDocument): string {
  const list = (items: readonly string[]) => (items.length ? `[\n${items.join(',\n')}\n  ]` : '[]');
  const nodes = writeAll(sortedById(doc.nodes), lastNodes, writeNode);
  const edges = writeAll(sortedById(doc.edges), lastEdges, writeEdge);
  [lastNodes, lastEdges] = [nodes.next, edges.next];
  const conflicts = doc.conflicts?.length ? `,\n  "conflicts": ${list(doc.conflicts.map(writeConflict))}` : '';
  return `{\n  "version": ${doc.version},\n  "nodes": ${list(nodes.texts)},\n  "edges": ${list(edges.texts)}${conflicts}\n}\n`;
}

export function emptyDocument(): BmadDocument {
  return { version: 1, nodes: [], edges: [] };
}
