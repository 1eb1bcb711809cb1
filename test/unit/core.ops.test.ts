import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  applyOp,
  connect,
  duplicateOp,
  emptyDocument,
  insert,
  KIND_NAMES,
  makeEdge,
  makeNode,
  NODE_KINDS,
  paramOf,
  remove,
  setParams,
  validateDocument,
  type BmadDocument,
  type Op,
} from '../../core';
import { documentArb } from './arbitraries';

/** A random gesture against the current document; indexes pick existing nodes, so most ops make sense. */
const gestureArb = fc.oneof(
  fc.record({ t: fc.constant('add' as const), kind: fc.constantFrom(...KIND_NAMES), x: fc.integer(), y: fc.integer() }),
  fc.record({ t: fc.constant('remove' as const), a: fc.nat() }),
  fc.record({ t: fc.constant('move' as const), a: fc.nat(), x: fc.double({ min: -1e6, max: 1e6, noNaN: true }), y: fc.integer() }),
  fc.record({ t: fc.constant('connect' as const), a: fc.nat(), b: fc.nat(), p: fc.nat(), q: fc.nat() }),
  fc.record({ t: fc.constant('seed' as const), a: fc.nat(), seed: fc.oneof(fc.nat({ max: 0xffffffff }), fc.double(), fc.constant(-1)) }),
  fc.record({ t: fc.constant('rename' as const), a: fc.nat(), label: fc.string({ maxLength: 40 }) }),
  fc.record({ t: fc.constant('duplicate' as const), a: fc.nat(), b: fc.nat() }),
);
type Gesture = typeof gestureArb extends fc.Arbitrary<infer G> ? G : never;

function toOp(doc: BmadDocument, g: Gesture): Op | undefined {
  const pick = (i: number) => doc.nodes[i % Math.max(1, doc.nodes.length)];
  switch (g.t) {
    case 'add':
      return { type: 'insert', nodes: [makeNode(g.kind, { x: g.x, y: g.y }) as never], edges: [] };
    case 'remove':
      return pick(g.a) && { type: 'remove', nodeIds: [pick(g.a)!.id], edgeIds: [] };
    case 'move':
      return pick(g.a) && { type: 'move', moves: [{ id: pick(g.a)!.id, x: g.x, y: g.y }] };
    case 'connect': {
      const s = pick(g.a);
      const t = pick(g.b);
      if (!s || !t) return undefined;
      const out = NODE_KINDS[s.kind].outputs;
      const inp = NODE_KINDS[t.kind].inputs;
      if (!out.length || !inp.length) return undefined;
      return { type: 'connect', edge: makeEdge(s.id, out[g.p % out.length]!.id, t.id, inp[g.q % inp.length]!.id) };
    }
    case 'seed':
      return pick(g.a) && { type: 'setParams', id: pick(g.a)!.id, params: { seed: g.seed } };
    case 'rename':
      return pick(g.a) && { type: 'rename', id: pick(g.a)!.id, label: g.label };
    case 'duplicate':
      return doc.nodes.length ? duplicateOp(doc, [pick(g.a)!.id, pick(g.b)!.id]) : undefined;
  }
}

describe('core: operations', () => {
  it('keep the graph valid under any sequence of gestures; a refused op changes nothing', () => {
    fc.assert(
      fc.property(documentArb(12), fc.array(gestureArb, { maxLength: 40 }), (start, gestures) => {
        let doc = start;
        for (const g of gestures) {
          const op = toOp(doc, g);
          if (!op) continue;
          const before = JSON.stringify(doc);
          const r = applyOp(doc, op);
          if (!r.ok) {
            assert.equal(JSON.stringify(doc), before, 'a refused op must not mutate');
            assert.ok(r.message.length > 0);
            continue;
          }
          const v = validateDocument(JSON.parse(JSON.stringify(r.doc)));
          assert.ok(v.ok, `after ${g.t}: ${v.ok ? '' : JSON.stringify(v.issues)}`);
          doc = r.doc;
        }
      }),
      { numRuns: 200 },
    );
  });

  it('removing a node removes its edges', () => {
    const a = makeNode('image', { x: 0, y: 0 });
    const b = makeNode('video', { x: 300, y: 0 });
    let r = insert(emptyDocument(), [a, b], [makeEdge(a.id, 'image', b.id, 'image')]);
    assert.ok(r.ok && r.doc.edges.length === 1);
    r = remove(r.doc, [a.id]);
    assert.ok(r.ok);
    assert.deepEqual(r.doc.edges, []);
    assert.deepEqual(r.doc.nodes.map((n) => n.id), [b.id]);
  });

  it('connect refuses wrong types, naming both ends, and cycles', () => {
    const c = makeNode('character', { x: 0, y: 0 }, 'Mara');
    const v = makeNode('video', { x: 0, y: 0 }, 'Clip');
    const r0 = insert(emptyDocument(), [c, v], []);
    assert.ok(r0.ok);
    const bad = connect(r0.doc, makeEdge(c.id, 'character', v.id, 'image'));
    assert.ok(!bad.ok);
    assert.equal(bad.message, 'cannot connect the character output of "Mara" to the image input "Keyframe" of "Clip"');

    const scene = makeNode('scene', { x: 0, y: 0 });
    const shot = makeNode('shot', { x: 0, y: 0 });
    const r1 = insert(emptyDocument(), [scene, shot], [makeEdge(scene.id, 'scene', shot.id, 'scene')]);
    assert.ok(r1.ok);
    const loop = connect(r1.doc, makeEdge(shot.id, 'shot', scene.id, 'script'));
    assert.ok(!loop.ok);
    assert.match(loop.message, /cycle/);
  });

  it('setParams validates against the kind and names the field', () => {
    const img = makeNode('image', { x: 0, y: 0 }, 'Key');
    const r0 = insert(emptyDocument(), [img], []);
    assert.ok(r0.ok);
    const bad = setParams(r0.doc, img.id, { seed: 2.5 });
    assert.ok(!bad.ok);
    assert.match(bad.message, /params\.seed: expected an integer, got 2\.5/);
    const good = setParams(r0.doc, img.id, { seed: 42, tier: 'high' });
    assert.ok(good.ok);
    assert.equal(paramOf(good.doc.nodes[0]!, 'seed'), 42);
    const cleared = setParams(good.doc, img.id, { tier: null });
    assert.ok(cleared.ok && !('tier' in cleared.doc.nodes[0]!.params));
  });

  it('duplicate copies nodes and the edges among them with fresh ids', () => {
    const a = makeNode('image', { x: 0, y: 0 });
    const b = makeNode('video', { x: 300, y: 0 });
    const r0 = insert(emptyDocument(), [a, b], [makeEdge(a.id, 'image', b.id, 'image')]);
    assert.ok(r0.ok);
    const op = duplicateOp(r0.doc, [a.id, b.id]);
    const r1 = applyOp(r0.doc, op);
    assert.ok(r1.ok);
    assert.equal(r1.doc.nodes.length, 4);
    assert.equal(r1.doc.edges.length, 2);
    assert.equal(new Set(r1.doc.nodes.map((n) => n.id)).size, 4);
  });
});
