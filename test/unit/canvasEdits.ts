import fc from 'fast-check';
import { applyOp, insert, KIND_NAMES, makeEdge, makeNode, NODE_KINDS, nodeFrom, type BmadDocument, type BmadNode, type Op } from '../../core';
import { documentArb } from './arbitraries';

/**
 * Random edits of a canvas for diff and merge properties. A side edits only the nodes it owns (and
 * adds its own), so two sides given disjoint owners make independent edits: what a clean merge is.
 */

const editArb = fc.record({
  what: fc.constantFrom('none', 'seed', 'label', 'move', 'delete', 'moveAndSeed'),
  seed: fc.nat({ max: 0xffffffff }),
  label: fc.string({ maxLength: 20 }),
  x: fc.integer({ min: -5000, max: 5000 }),
  y: fc.integer({ min: -5000, max: 5000 }),
});
type Edit = typeof editArb extends fc.Arbitrary<infer E> ? E : never;

export const sideEditsArb = fc.record({
  edits: fc.array(editArb, { maxLength: 30 }),
  added: fc.array(fc.record({ kind: fc.constantFrom(...KIND_NAMES), x: fc.integer({ min: 0, max: 9000 }), link: fc.nat() }), { maxLength: 4 }),
  dropEdges: fc.array(fc.nat(), { maxLength: 4 }),
});
export type SideEdits = typeof sideEditsArb extends fc.Arbitrary<infer S> ? S : never;

function must(doc: BmadDocument, op: Op): BmadDocument {
  const r = applyOp(doc, op);
  if (!r.ok) throw new Error(`edit did not apply: ${r.message}`);
  return r.doc;
}

function editNode(doc: BmadDocument, node: BmadNode, e: Edit): BmadDocument {
  const seed = (d: BmadDocument) => ('seed' in node.params ? must(d, { type: 'setParams', id: node.id, params: { seed: e.seed } }) : d);
  switch (e.what) {
    case 'none':
      return doc;
    case 'seed':
      return seed(doc);
    case 'label':
      return must(doc, { type: 'rename', id: node.id, label: e.label });
    case 'move':
      return must(doc, { type: 'move', moves: [{ id: node.id, x: e.x, y: e.y }] });
    case 'moveAndSeed':
      return seed(must(doc, { type: 'move', moves: [{ id: node.id, x: e.x, y: e.y }] }));
    case 'delete':
      return must(doc, { type: 'remove', nodeIds: [node.id], edgeIds: [] });
  }
}

/** Applies one side's edits to the nodes `owns` says are its; new ids carry `tag` so sides never collide. */
export function applySide(base: BmadDocument, s: SideEdits, owns: (id: string) => boolean, tag: string): BmadDocument {
  let doc = base;
  const mine = base.nodes.filter((n) => owns(n.id));
  mine.forEach((node, i) => {
    const e = s.edits[i];
    if (e) doc = editNode(doc, node, e);
  });
  const ownEdges = doc.edges.filter((e) => owns(e.source) && owns(e.target));
  const drop = s.dropEdges.map((k) => ownEdges[k % Math.max(1, ownEdges.length)]?.id).filter((id): id is string => !!id);
  if (drop.length) doc = must(doc, { type: 'remove', nodeIds: [], edgeIds: drop });
  s.added.forEach((a, i) => {
    const node = nodeFrom({ id: `${tag}_${i}`, kind: a.kind, label: `${tag} ${i}`, position: { x: a.x, y: 0 }, params: NODE_KINDS[a.kind].defaults() });
    doc = must(doc, { type: 'insert', nodes: [node], edges: [] });
    // A new node may feed one of this side's own nodes, through an input that is still free.
    const targets = doc.nodes.filter((n) => owns(n.id) && n.id !== node.id);
    const target = targets[a.link % Math.max(1, targets.length)];
    if (!target) return;
    for (const input of NODE_KINDS[target.kind].inputs) {
      const out = NODE_KINDS[node.kind].outputs.find((o) => o.type === input.type);
      const taken = doc.edges.some((e) => e.target === target.id && e.targetPort === input.id);
      if (!out || (taken && !input.multiple)) continue;
      const edge = { ...makeEdge(node.id, out.id, target.id, input.id), id: `e_${tag}_${i}` };
      doc = must(doc, { type: 'connect', edge });
      return;
    }
  });
  return doc;
}

/** A base canvas and two sides' independent edits of it: ours owns even-numbered nodes, theirs the rest. */
export const disjointMergeArb = fc.tuple(documentArb(20), sideEditsArb, sideEditsArb).map(([base, o, t]) => {
  const index = new Map(base.nodes.map((n, i) => [n.id, i]));
  const ours = applySide(base, o, (id) => (index.get(id) ?? -1) % 2 === 0 || id.startsWith('o_'), 'o');
  const theirs = applySide(base, t, (id) => (index.get(id) ?? 0) % 2 === 1 || id.startsWith('t_'), 't');
  return { base, ours, theirs };
});

/** The document an op makes, or the op's own message as an error. */
export function applied(doc: BmadDocument, op: Op): BmadDocument {
  const r = applyOp(doc, op);
  if (!r.ok) throw new Error(r.message);
  return r.doc;
}

/** Scene → two shots, and a style: fixed ids so each diff, merge and git scenario can name what it edits. */
export function baseCanvas(): BmadDocument {
  const nodes: BmadNode[] = [
    { ...makeNode('scene', { x: 0, y: 0 }, 'Scene 1'), id: 'n_scene' },
    ...[1, 2].map((i) => ({ ...makeNode('shot', { x: 300, y: i * 200 }, `Shot ${i}`), id: `n_shot${i}` })),
    { ...makeNode('style', { x: 0, y: 400 }, 'Look'), id: 'n_look' },
  ];
  const edges = [1, 2].map((i) => ({ ...makeEdge('n_scene', 'scene', `n_shot${i}`, 'scene'), id: `e_s${i}` }));
  const r = insert({ version: 1, nodes: [], edges: [] }, nodes, edges);
  if (!r.ok) throw new Error(r.message);
  return r.doc;
}
