import { NODE_KINDS } from './nodes';
import type { BmadDocument, BmadEdge, BmadNode } from './schema';

// Canonical form: fixed key order, nodes and edges sorted by id, two-space indent, trailing newline,
// and small flat values (a position, an edge, a palette) on one line so a move is a one-line diff.

const INLINE_WIDTH = 120;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const paramOrder = new Map<string, readonly string[]>();
/** Params keep the order their kind declares them in, which reads best; computed once per kind. */
function orderOf(kind: BmadNode['kind']): readonly string[] {
  let order = paramOrder.get(kind);
  if (!order) paramOrder.set(kind, (order = Object.keys(NODE_KINDS[kind].params.shape)));
  return order;
}

function paramKeys(n: BmadNode): string[] {
  const order = orderOf(n.kind);
  const keys = order.filter((k) => n.params[k] !== undefined);
  const all = Object.keys(n.params).filter((k) => n.params[k] !== undefined);
  // Validated params never have keys outside the schema; if some do, they still get a fixed place.
  if (all.length !== keys.length) keys.push(...all.filter((k) => !order.includes(k)).sort());
  return keys;
}

// Nodes and edges are written by hand rather than through `write` because this runs on every
// gesture of a 5,000-node canvas: no intermediate objects, one string per node.
function writeNode(n: BmadNode): string {
  const I = '      ';
  let s = `    {\n${I}"id": ${JSON.stringify(n.id)},\n${I}"kind": ${JSON.stringify(n.kind)},\n${I}"label": ${JSON.stringify(n.label)},\n`;
  s += `${I}"position": { "x": ${JSON.stringify(n.position.x)}, "y": ${JSON.stringify(n.position.y)} },\n${I}"params": `;
  const keys = paramKeys(n);
  if (keys.length === 0) return s + '{}\n    }';
  s += '{\n';
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k]!;
    s += `${I}  ${JSON.stringify(key)}: ${write(n.params[key] as Json, I + '  ', false)}${k < keys.length - 1 ? ',' : ''}\n`;
  }
  return s + I + '}\n    }';
}

function writeEdge(e: BmadEdge): string {
  const line = `{ "id": ${JSON.stringify(e.id)}, "source": ${JSON.stringify(e.source)}, "sourcePort": ${JSON.stringify(e.sourcePort)}, "target": ${JSON.stringify(e.target)}, "targetPort": ${JSON.stringify(e.targetPort)} }`;
  if (line.length + 4 <= INLINE_WIDTH) return '    ' + line;
  const I = '      ';
  return `    {\n${I}"id": ${JSON.stringify(e.id)},\n${I}"source": ${JSON.stringify(e.source)},\n${I}"sourcePort": ${JSON.stringify(e.sourcePort)},\n${I}"target": ${JSON.stringify(e.target)},\n${I}"targetPort": ${JSON.stringify(e.targetPort)}\n    }`;
}

const isFlat = (v: readonly unknown[]): boolean => v.every((x) => x === null || typeof x !== 'object');

/**
 * Writes one value. `inline` is true for array elements and positions: flat ones fit on one line;
 * params stay one per line. Strings are concatenated (V8 ropes) because this runs on every save.
 */
function write(v: Json, indent: string, inline: boolean): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    if (isFlat(v)) {
      const line = `[${v.map((x) => JSON.stringify(x)).join(', ')}]`;
      if (line.length + indent.length <= INLINE_WIDTH) return line;
    }
    const inner = indent + '  ';
    let s = '[\n';
    for (let k = 0; k < v.length; k++) s += inner + write(v[k]!, inner, true) + (k < v.length - 1 ? ',\n' : '\n');
    return s + indent + ']';
  }
  const keys = Object.keys(v).filter((k) => v[k] !== undefined);
  if (keys.length === 0) return '{}';
  if (inline && isFlat(keys.map((k) => v[k]))) {
    const line = `{ ${keys.map((k) => `${JSON.stringify(k)}: ${JSON.stringify(v[k])}`).join(', ')} }`;
    if (line.length + indent.length <= INLINE_WIDTH) return line;
  }
  const inner = indent + '  ';
  let s = '{\n';
  for (let n = 0; n < keys.length; n++) {
    const k = keys[n]!;
    s += inner + JSON.stringify(k) + ': ' + write(v[k]!, inner, k === 'position') + (n < keys.length - 1 ? ',\n' : '\n');
  }
  return s + indent + '}';
}

/** The one text a document has. Saving an unchanged canvas changes no byte. */
export function serializeDocument(doc: BmadDocument): string {
  const list = (items: string[]) => (items.length ? `[\n${items.join(',\n')}\n  ]` : '[]');
  const nodes = list([...doc.nodes].sort(byId).map(writeNode));
  const edges = list([...doc.edges].sort(byId).map(writeEdge));
  return `{\n  "version": ${doc.version},\n  "nodes": ${nodes},\n  "edges": ${edges}\n}\n`;
}

export function emptyDocument(): BmadDocument {
  return { version: 1, nodes: [], edges: [] };
}
