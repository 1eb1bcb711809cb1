import fc from 'fast-check';
import { KIND_NAMES, NODE_KINDS, POSITION_LIMIT, type BmadDocument } from '../../core';

/**
 * Generators for the fuzz tests: raw op objects as a webview could send them (valid, nearly valid and
 * wild), and texts that are nearly a document. Raw means unvalidated: the op schema decides.
 */

/** Numbers around every edge a coordinate has: the limit, rounding, safe integers, the double range. */
export const coordinateArb: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: -100_000, max: 100_000 }),
  fc.integer({ min: -2 * POSITION_LIMIT, max: 2 * POSITION_LIMIT }),
  fc.double({ min: -2 * POSITION_LIMIT, max: 2 * POSITION_LIMIT, noNaN: true }),
  fc.double(),
  fc.constantFrom(
    1e308, -1e308, 2 ** 53, -(2 ** 53), 2 ** 53 + 2, POSITION_LIMIT, -POSITION_LIMIT, POSITION_LIMIT + 1,
    POSITION_LIMIT - 0.5, POSITION_LIMIT + 0.49, -POSITION_LIMIT - 0.5, -POSITION_LIMIT + 0.5, -0, 0.5, -0.5,
    Number.MIN_VALUE, Infinity, -Infinity, NaN,
  ),
);

const PORTS = KIND_NAMES.flatMap((k) => [...NODE_KINDS[k].inputs, ...NODE_KINDS[k].outputs]);
const PORT_IDS = [...new Set(PORTS.map((p) => p.id))];
const PARAM_KEYS = [...new Set(KIND_NAMES.flatMap((k) => Object.keys(NODE_KINDS[k].params.shape)))];
/** Every default param value of every kind: right for some kinds, wrong for the others. */
const PARAM_VALUES = KIND_NAMES.flatMap((k) => Object.values(NODE_KINDS[k].defaults() as Record<string, unknown>));

const textArb = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ maxLength: 40, unit: 'grapheme' }),
  fc.string({ maxLength: 20, unit: 'binary' }),
  fc.constantFrom('', '\u0000', '\ud800', 'a"b\\c', '\u2028', '<<<<<<< HEAD', 'x'.repeat(201)),
);

const valueArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...PARAM_VALUES),
  fc.jsonValue({ maxDepth: 2 }),
  coordinateArb,
  fc.integer({ min: -1, max: 2 ** 33 }),
  textArb,
  fc.array(fc.oneof(textArb, fc.constantFrom('#aa3311', '#zzzzzz')), { maxLength: 5 }),
  fc.array(fc.record({ character: textArb, line: textArb }), { maxLength: 3 }),
  fc.constant(null),
  fc.constant(undefined),
);

/** An id from the document, or one it does not have, or one the id pattern refuses. */
const idArb = (ids: readonly string[]) => {
  const others = fc.constantFrom('n_new1', 'n_new2', 'e_new1', 'bad id', '');
  return ids.length ? fc.oneof(fc.constantFrom(...ids), others) : others;
};

const rawNodeArb = (ids: readonly string[]) =>
  fc.record({
    id: idArb(ids),
    kind: fc.oneof(fc.constantFrom(...KIND_NAMES), fc.constant('unknown')),
    label: textArb,
    position: fc.record({ x: coordinateArb, y: coordinateArb }),
    params: fc.oneof(
      fc.constantFrom(...KIND_NAMES).map((k) => NODE_KINDS[k].defaults() as Record<string, unknown>),
      fc.dictionary(fc.constantFrom(...PARAM_KEYS), valueArb, { maxKeys: 4 }),
    ),
  });

const rawEdgeArb = (ids: readonly string[]) =>
  fc.record({
    id: fc.oneof(fc.constantFrom('e_a', 'e_b', 'e_c'), fc.string({ maxLength: 5 })),
    source: idArb(ids),
    sourcePort: fc.constantFrom(...PORT_IDS, ''),
    target: idArb(ids),
    targetPort: fc.constantFrom(...PORT_IDS, ''),
  });

/** Edges the document could take: an output and an input of the same type, on two of its nodes. */
function compatibleEdges(doc: BmadDocument) {
  return doc.nodes.flatMap((s) =>
    doc.nodes.flatMap((t) =>
      NODE_KINDS[s.kind].outputs.flatMap((o) =>
        NODE_KINDS[t.kind].inputs
          .filter((i) => i.type === o.type)
          .map((i) => ({ source: s.id, sourcePort: o.id, target: t.id, targetPort: i.id })),
      ),
    ),
  );
}

/** A patch that the node's kind may well accept: its own keys, with nearby or fresh values. */
const plausiblePatchArb = (doc: BmadDocument) =>
  fc.constantFrom(...doc.nodes).chain((n) => {
    const defaults = NODE_KINDS[n.kind].defaults() as Record<string, unknown>;
    const near = (v: unknown): fc.Arbitrary<unknown> => {
      if (typeof v === 'number') {
        return fc.oneof(fc.constant(v), fc.integer({ min: 0, max: 3 }).map((d) => v + d), fc.nat({ max: 0xffffffff }));
      }
      if (typeof v === 'string') return fc.oneof(fc.constant(v), fc.string({ maxLength: 30 }));
      return fc.constant(v);
    };
    const tier = fc.constantFrom('low', 'standard', 'high', null);
    const keys = Object.keys(defaults);
    return fc.record({
      type: fc.constant('setParams'),
      id: fc.constant(n.id),
      params: fc.subarray([...keys, 'tier']).chain((picked) =>
        fc.record(Object.fromEntries(picked.map((k) => [k, k === 'tier' ? tier : near(defaults[k])]))),
      ),
    });
  });

/** A new node of a real kind with its default params, somewhere near the canvas. */
const onCanvas = (v: number) => Math.round(Math.max(-1e6, Math.min(1e6, Number.isFinite(v) ? v : 0)));
const freshNodeArb = fc
  .record({ kind: fc.constantFrom(...KIND_NAMES), n: fc.nat({ max: 99 }), x: coordinateArb, y: coordinateArb })
  .map(({ kind, n, x, y }) => ({
    id: `n_fresh${n}`,
    kind,
    label: NODE_KINDS[kind].title,
    position: { x: onCanvas(x), y: onCanvas(y) },
    params: NODE_KINDS[kind].defaults() as Record<string, unknown>,
  }));

/** One raw op against a document: aimed at its nodes most of the time, malformed some of the time. */
export function rawOpArb(doc: BmadDocument): fc.Arbitrary<unknown> {
  const ids = [...doc.nodes.map((n) => n.id), ...doc.edges.map((e) => e.id)];
  const nodeIds = doc.nodes.map((n) => n.id);
  const compatible = compatibleEdges(doc);
  const edgeId = fc.nat({ max: 999 }).map((n) => `e_fuzz${n}`);
  const freshNodes = fc.uniqueArray(freshNodeArb, { maxLength: 3, selector: (n) => n.id });
  const plausible: fc.Arbitrary<unknown>[] = [
    fc.record({ type: fc.constant('insert'), nodes: freshNodes, edges: fc.constant([]) }),
  ];
  if (compatible.length) {
    const edge = fc.tuple(fc.constantFrom(...compatible), edgeId).map(([e, id]) => ({ id, ...e }));
    plausible.push(fc.record({ type: fc.constant('connect'), edge }));
  }
  if (doc.nodes.length) plausible.push(plausiblePatchArb(doc));
  const moves = fc.array(fc.record({ id: idArb(nodeIds), x: coordinateArb, y: coordinateArb }), { maxLength: 4 });
  const patchKey = fc.oneof(fc.constantFrom(...PARAM_KEYS), fc.string({ maxLength: 6 }));
  const patch = fc.dictionary(patchKey, valueArb, { maxKeys: 4 });
  return fc.oneof(
    ...plausible,
    fc.record({ type: fc.constant('move'), moves }),
    fc.record({
      type: fc.constant('insert'),
      nodes: fc.array(rawNodeArb(nodeIds), { maxLength: 3 }),
      edges: fc.array(rawEdgeArb(nodeIds), { maxLength: 3 }),
    }),
    fc.record({ type: fc.constant('remove'), nodeIds: fc.subarray(ids), edgeIds: fc.subarray(ids) }),
    fc.record({ type: fc.constant('connect'), edge: rawEdgeArb(nodeIds) }),
    fc.record({ type: fc.constant('setParams'), id: idArb(nodeIds), params: patch }),
    fc.record({ type: fc.constant('rename'), id: idArb(nodeIds), label: textArb }),
    fc.anything({ maxDepth: 2 }),
  );
}

/** Edits a text the way a person or a bad merge might: characters JSON cares about, in random places. */
export const textMutationsArb = fc.array(
  fc.record({
    at: fc.nat(),
    op: fc.constantFrom('insert', 'delete', 'replace'),
    text: fc.oneof(
      fc.constantFrom('{', '}', '[', ']', ',', ':', '"', '\\', ' ', '\n', '\r', '\t', '0', '-', '1e999', 'null', '//'),
      fc.constantFrom('\u00a0', '\ufeff', '\ud800', '<<<<<<< ours\n', '\n=======\n', '\n>>>>>>> theirs\n'),
      fc.constant('version https://git-lfs.github.com/spec/v1\n'),
      fc.string({ maxLength: 3 }),
    ),
  }),
  { minLength: 1, maxLength: 6 },
);

export function mutate(text: string, mutations: readonly { at: number; op: string; text: string }[]): string {
  let out = text;
  for (const m of mutations) {
    const at = m.at % (out.length + 1);
    if (m.op === 'insert') out = out.slice(0, at) + m.text + out.slice(at);
    else if (m.op === 'delete') out = out.slice(0, at) + out.slice(at + m.text.length);
    else out = out.slice(0, at) + m.text + out.slice(at + m.text.length);
  }
  return out;
}
