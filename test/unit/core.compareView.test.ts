import assert from 'node:assert/strict';
import {
  applyOp, compareView, insert, makeEdge, makeNode, parseToWebview, type BmadDocument, type BmadNode, type Op,
} from '../../core';

function applied(doc: BmadDocument, op: Op): BmadDocument {
  const r = applyOp(doc, op);
  if (!r.ok) throw new Error(r.message);
  return r.doc;
}

/** A scene and three shots under it, by fixed ids. */
function film(): BmadDocument {
  const nodes: BmadNode[] = [
    { ...makeNode('scene', { x: 0, y: 0 }, 'Scene 1'), id: 'n_scene' },
    ...[1, 2, 3].map((i) => ({ ...makeNode('shot', { x: 320, y: i * 200 }, `Shot ${i}`), id: `n_shot${i}` })),
  ];
  const edges = [1, 2, 3].map((i) => ({ ...makeEdge('n_scene', 'scene', `n_shot${i}`, 'scene'), id: `e_s${i}` }));
  const r = insert({ version: 1, nodes: [], edges: [] }, nodes, edges);
  if (!r.ok) throw new Error(r.message);
  return r.doc;
}

describe('compareView: one canvas that shows a difference', () => {
  const before = film();
  const after = applied(before, {
    type: 'batch',
    ops: [
      { type: 'remove', nodeIds: ['n_shot3'], edgeIds: [] },
      { type: 'setParams', id: 'n_shot1', params: { duration: 7 } },
      { type: 'insert', nodes: [{ ...makeNode('shot', { x: 320, y: 0 }, 'Shot 4'), id: 'n_shot4' }], edges: [] },
    ],
  });
  const view = compareView(before, after);

  it('marks the added, changed and removed nodes, and no other', () => {
    assert.deepEqual(view.marks, { n_shot1: 'changed', n_shot3: 'removed', n_shot4: 'added' });
  });

  it('keeps the removed node and its edge as ghosts on the newer canvas', () => {
    assert.deepEqual(view.doc.nodes.map((n) => n.id), ['n_scene', 'n_shot1', 'n_shot2', 'n_shot3', 'n_shot4']);
    assert.ok(view.doc.edges.some((e) => e.id === 'e_s3'), 'the removed shot stays connected to its scene');
    assert.deepEqual(after.nodes.map((n) => n.id), ['n_scene', 'n_shot1', 'n_shot2', 'n_shot4'], 'the newer document is not touched');
  });

  it('lists a changed node\'s fields old → new', () => {
    const d = before.nodes.find((n) => n.id === 'n_shot1')!.params as { duration: number };
    assert.deepEqual(view.changes.n_shot1, [{ key: 'duration', before: String(d.duration), after: '7' }]);
  });

  it('orders the changes top to bottom for next/previous', () => {
    assert.deepEqual(view.order, ['n_shot4', 'n_shot1', 'n_shot3']);
  });

  it('shows nothing marked when the versions are the same', () => {
    const same = compareView(before, before);
    assert.deepEqual([same.marks, same.order, same.doc.nodes.length], [{}, [], before.nodes.length]);
  });

  it('travels as a valid compare message, and a mark the protocol does not know is refused', () => {
    const msg = { type: 'compare', file: 'a.bmad', against: 'abc1234 first', doc: view.doc, settings: { snapToGrid: true, showMinimap: true }, marks: view.marks, changes: view.changes, order: view.order };
    assert.ok(parseToWebview(msg).ok);
    const bad = parseToWebview({ ...msg, marks: { n_shot1: 'renamed' } });
    assert.ok(!bad.ok && /marks\.n_shot1/.test(bad.error), JSON.stringify(bad));
  });
});
