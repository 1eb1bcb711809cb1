import assert from 'node:assert/strict';
import { applyOp, emptyDocument, insert, makeNode, NODE_KINDS, Op, parseDocument, serializeDocument, type BmadDocument } from '../../core';
import { autoLayoutOp } from '../../extension/autoLayout';
import { freeSpot } from '../../extension/placement';
import { starterCanvas } from '../../runner/newProject/starterCanvas';

const overlap = (doc: BmadDocument) => {
  const boxes = doc.nodes.map((n) => ({ id: n.id, ...n.position, ...NODE_KINDS[n.kind].size }));
  for (const a of boxes)
    for (const b of boxes)
      if (a.id < b.id && a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) return [a.id, b.id];
  return undefined;
};

describe('extension: starter canvas, placement, auto layout', () => {
  it('starter canvas is a valid, canonical graph from script to output', () => {
    const doc = starterCanvas();
    const text = serializeDocument(doc);
    const parsed = parseDocument(text);
    assert.ok(parsed.ok, 'the starter canvas parses');
    assert.equal(serializeDocument(parsed.doc), text);
    const kinds = doc.nodes.map((n) => n.kind).sort();
    assert.deepEqual(kinds, ['character', 'edit', 'image', 'output', 'scene', 'script', 'shot', 'style', 'video']);
    assert.equal(overlap(doc), undefined);
    // Every node but the output feeds something: the chain is connected end to end.
    const sources = new Set(doc.edges.map((e) => e.source));
    for (const n of doc.nodes) if (n.kind !== 'output') assert.ok(sources.has(n.id), `${n.kind} has an outgoing edge`);
  });

  it('places a new node at the origin of an empty canvas', () => {
    assert.deepEqual(freeSpot(emptyDocument(), 'image'), { x: 0, y: 0 });
  });

  it('places a new node right of the selection, below anything in the way', () => {
    const a = makeNode('script', { x: 0, y: 0 });
    const b = makeNode('scene', { x: 1000, y: 0 });
    const blocker = makeNode('image', { x: 320, y: 0 });
    const r = insert(emptyDocument(), [a, b, blocker], []);
    assert.ok(r.ok);
    const spot = freeSpot(r.doc, 'shot', [a.id]);
    assert.equal(spot.x, 240 + 80, 'right of the selected node');
    assert.ok(spot.y >= NODE_KINDS.image.size.height, 'moved below the image in the way');
    const inserted = applyOp(r.doc, Op.parse({ type: 'insert', nodes: [makeNode('shot', spot)], edges: [] }));
    assert.ok(inserted.ok);
    assert.equal(overlap(inserted.doc), undefined);
    // Without a selection it goes right of the rightmost node.
    assert.equal(freeSpot(r.doc, 'shot').x, 1000 + 240 + 80);
  });

  it('auto layout puts every node right of the nodes it depends on, without overlaps', async () => {
    const doc = starterCanvas();
    // Scramble the positions first, so there is something to lay out.
    const scrambled: BmadDocument = { ...doc, nodes: doc.nodes.map((n, i) => ({ ...n, position: { x: (i * 7919) % 500, y: (i * 104729) % 300 } })) };
    const op = await autoLayoutOp(scrambled);
    assert.ok(op, 'a scrambled canvas is moved');
    const r = applyOp(scrambled, op);
    assert.ok(r.ok);
    const at = new Map(r.doc.nodes.map((n) => [n.id, n.position]));
    for (const e of r.doc.edges) assert.ok(at.get(e.source)!.x < at.get(e.target)!.x, `edge ${e.id} flows left to right`);
    assert.equal(overlap(r.doc), undefined);
    for (const m of op.moves) assert.ok(Number.isInteger(m.x) && Number.isInteger(m.y));
    // Laying out a laid-out canvas moves nothing.
    assert.equal(await autoLayoutOp(r.doc), undefined);
  });

  it('auto layout of an empty canvas or a single node is a no-op', async () => {
    assert.equal(await autoLayoutOp(emptyDocument()), undefined);
    const one = insert(emptyDocument(), [makeNode('style', { x: 5, y: 7 })], []);
    assert.ok(one.ok);
    assert.equal(await autoLayoutOp(one.doc), undefined);
  });
});
