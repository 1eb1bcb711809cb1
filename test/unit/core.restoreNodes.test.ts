import assert from 'node:assert/strict';
import { applyOp, insert, makeEdge, makeNode, restoreNodesOps, serializeDocument, type BmadDocument, type BmadNode, type Op } from '../../core';

const ok = <T extends { ok: boolean }>(r: T): Extract<T, { ok: true }> => {
  assert.ok(r.ok, JSON.stringify(r));
  return r as Extract<T, { ok: true }>;
};
const apply = (d: BmadDocument, op: Op) => ok(applyOp(d, op)).doc;
const node = (d: BmadDocument, id: string) => d.nodes.find((n) => n.id === id);
const edgeIds = (d: BmadDocument) => d.edges.map((e) => e.id);

/** A scene and three shots, each shot fed by the scene: the past a canvas is restored from. */
function past(): BmadDocument {
  const nodes: BmadNode[] = [
    { ...makeNode('scene', { x: 0, y: 0 }, 'Scene 1'), id: 'n_scene' },
    ...[1, 2, 3].map((i) => ({ ...makeNode('shot', { x: 300, y: i * 200 }, `Shot ${i}`), id: `n_shot${i}` })),
  ];
  const edges = [1, 2, 3].map((i) => ({ ...makeEdge('n_scene', 'scene', `n_shot${i}`, 'scene'), id: `e_s${i}` }));
  return ok(insert({ version: 1, nodes: [], edges: [] }, nodes, edges)).doc;
}

/** Since then: Shot 1 and Shot 3 changed, Shot 2 and the scene deleted, Shot 4 added. */
function now(): BmadDocument {
  return apply(past(), {
    type: 'batch',
    ops: [
      { type: 'setParams', id: 'n_shot1', params: { duration: 9 } },
      { type: 'move', moves: [{ id: 'n_shot1', x: 500, y: 150 }] },
      { type: 'rename', id: 'n_shot3', label: 'Shot 3b' },
      { type: 'remove', nodeIds: ['n_shot2', 'n_scene'], edgeIds: [] },
      { type: 'insert', nodes: [{ ...makeNode('shot', { x: 300, y: 800 }, 'Shot 4'), id: 'n_shot4' }], edges: [] },
    ],
  });
}

describe('core restoreNodesOps: a node or a selection back from a past version, as one op', () => {
  it('gives one changed node its past params and position and leaves the other changes', () => {
    const op = restoreNodesOps(now(), past(), ['n_shot1']);
    assert.equal(op.type, 'batch');
    const after = apply(now(), op);
    assert.deepEqual(node(after, 'n_shot1'), node(past(), 'n_shot1'));
    assert.equal(node(after, 'n_shot3')?.label, 'Shot 3b', 'Shot 3 was not selected');
    assert.ok(node(after, 'n_shot4'));
    assert.equal(node(after, 'n_shot2'), undefined);
  });

  it('brings a removed node back without an edge to a node that is still gone', () => {
    const after = apply(now(), restoreNodesOps(now(), past(), ['n_shot2']));
    assert.deepEqual(node(after, 'n_shot2'), node(past(), 'n_shot2'));
    assert.deepEqual(edgeIds(after), [], 'its scene is still deleted, so its edge cannot come back');
  });

  it('brings back the edges between restored nodes and nodes that exist', () => {
    const after = apply(now(), restoreNodesOps(now(), past(), ['n_shot2', 'n_scene']));
    assert.deepEqual(edgeIds(after), ['e_s1', 'e_s2', 'e_s3'], 'the scene feeds Shot 1 and 3 (still there) and Shot 2 again');
    assert.equal(node(after, 'n_shot1')?.position.x, 500, 'Shot 1 keeps its own change');
  });

  it('removes a node added since, with the edges it has now', () => {
    const withEdge = apply(now(), { type: 'insert', nodes: [{ ...makeNode('scene', { x: 0, y: 0 }, 'Scene 2'), id: 'n_scene2' }], edges: [{ ...makeEdge('n_scene2', 'scene', 'n_shot4', 'scene'), id: 'e_new' }] });
    const after = apply(withEdge, restoreNodesOps(withEdge, past(), ['n_shot4']));
    assert.equal(node(after, 'n_shot4'), undefined);
    assert.deepEqual(edgeIds(after), []);
    assert.ok(node(after, 'n_scene2'), 'the node at the other end stays');
  });

  it('restoring every node gives the past canvas, byte for byte', () => {
    const ids = new Set([...now().nodes, ...past().nodes].map((n) => n.id));
    const after = apply(now(), restoreNodesOps(now(), past(), ids));
    assert.equal(serializeDocument(after), serializeDocument(past()));
  });

  it('an unchanged or unknown node gives an op that changes nothing', () => {
    const after = apply(now(), restoreNodesOps(now(), past(), ['n_nope']));
    assert.equal(serializeDocument(after), serializeDocument(now()));
  });
});
