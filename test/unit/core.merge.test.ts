import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  diffCanvases, diffOps, insert, makeEdge, makeNode, mergeCanvases, parseDocument, serializeDocument, setParams,
  type BmadDocument,
} from '../../core';
import { applied, baseCanvas, disjointMergeArb } from './canvasEdits';

const text = (d: BmadDocument) => serializeDocument(d);

const base = baseCanvas;
const set = (d: BmadDocument, id: string, params: Record<string, unknown>) => applied(d, { type: 'setParams', id, params });
const node = (d: BmadDocument, id: string) => d.nodes.find((n) => n.id === id);

describe('core merge: three-way, per node, edge and param', () => {
  it('edits of different shots, and of different params of one shot, merge with no conflict', () => {
    const b = base();
    const ours = set(set(b, 'n_shot1', { duration: 6 }), 'n_shot2', { framing: 'wide' });
    const theirs = set(b, 'n_shot1', { camera: 'push-in' });
    const m = mergeCanvases(b, ours, theirs);
    assert.deepEqual(m.conflicts, []);
    assert.equal(m.doc.conflicts, undefined);
    const shot1 = node(m.doc, 'n_shot1')!;
    assert.equal(shot1.kind === 'shot' && shot1.params.duration, 6);
    assert.equal(shot1.kind === 'shot' && shot1.params.camera, 'push-in');
    assert.equal(node(m.doc, 'n_shot2')!.kind === 'shot' && (node(m.doc, 'n_shot2')!.params as { framing: string }).framing, 'wide');
  });

  it('the same param changed differently is a conflict: the canvas holds ours, the entry keeps all three', () => {
    const b = base();
    const m = mergeCanvases(b, set(b, 'n_shot1', { duration: 6 }), set(b, 'n_shot1', { duration: 9 }));
    assert.deepEqual(m.conflicts, [{ on: 'param', node: 'n_shot1', param: 'duration', base: 4, ours: 6, theirs: 9 }]);
    const written = text(m.doc);
    const back = parseDocument(written);
    assert.ok(back.ok, JSON.stringify(!back.ok && back.issues));
    assert.deepEqual(back.doc.conflicts, m.conflicts);
    assert.equal((node(back.doc, 'n_shot1')!.params as { duration: number }).duration, 6);
    assert.match(written, /"conflicts": \[\n    \{\n      "on": "param",\n      "node": "n_shot1",\n      "param": "duration",\n      "base": 4,\n      "ours": 6,\n      "theirs": 9\n    \}\n  \]\n\}\n$/);
  });

  it('the same change on both sides is no conflict; labels conflict like params', () => {
    const b = base();
    assert.deepEqual(mergeCanvases(b, set(b, 'n_shot1', { duration: 6 }), set(b, 'n_shot1', { duration: 6 })).conflicts, []);
    const ours = applied(b, { type: 'rename', id: 'n_shot1', label: 'Opening' });
    const theirs = applied(b, { type: 'rename', id: 'n_shot1', label: 'Intro' });
    assert.deepEqual(mergeCanvases(b, ours, theirs).conflicts, [{ on: 'label', node: 'n_shot1', base: 'Shot 1', ours: 'Opening', theirs: 'Intro' }]);
  });

  it('a node deleted on one side and changed on the other is kept with its edges, as a conflict', () => {
    const b = base();
    const ours = applied(b, { type: 'remove', nodeIds: ['n_shot2'], edgeIds: [] });
    const theirs = set(b, 'n_shot2', { action: 'She runs.' });
    for (const [o, t, deleted] of [[ours, theirs, 'ours'], [theirs, ours, 'theirs']] as const) {
      const m = mergeCanvases(b, o, t);
      assert.equal(m.conflicts.length, 1);
      const c = m.conflicts[0]!;
      assert.ok(c.on === 'node');
      assert.equal(c[deleted], null);
      assert.equal((node(m.doc, 'n_shot2')!.params as { action: string }).action, 'She runs.');
      assert.ok(m.doc.edges.some((e) => e.id === 'e_s2'), 'the kept node keeps its edge');
      assert.ok(parseDocument(text(m.doc)).ok);
    }
    // Deleted on one side, untouched on the other: simply gone, edges too.
    const gone = mergeCanvases(b, ours, set(b, 'n_shot1', { duration: 5 }));
    assert.deepEqual(gone.conflicts, []);
    assert.equal(node(gone.doc, 'n_shot2'), undefined);
    assert.ok(!gone.doc.edges.some((e) => e.source === 'n_shot2' || e.target === 'n_shot2'));
  });

  it('an edge added to a node the other side deleted keeps that node: no edge dangles', () => {
    const b = base();
    const ours = applied(b, { type: 'remove', nodeIds: ['n_look'], edgeIds: [] });
    const theirs = applied(b, { type: 'connect', edge: { ...makeEdge('n_look', 'style', 'n_shot1', 'style'), id: 'e_look' } });
    const m = mergeCanvases(b, ours, theirs);
    assert.deepEqual(m.conflicts.map((c) => c.on === 'node' && [c.node, c.ours, c.theirs !== null]), [['n_look', null, true]]);
    assert.ok(parseDocument(text(m.doc)).ok, 'every edge joins nodes that exist');
  });

  it('both filling one single input: ours is connected, theirs kept in an edge conflict', () => {
    const b = applied(base(), { type: 'insert', nodes: [{ ...makeNode('style', { x: 0, y: 600 }, 'Noir'), id: 'n_noir' }], edges: [] });
    const ours = applied(b, { type: 'connect', edge: { ...makeEdge('n_look', 'style', 'n_shot1', 'style'), id: 'e_o' } });
    const theirs = applied(b, { type: 'connect', edge: { ...makeEdge('n_noir', 'style', 'n_shot1', 'style'), id: 'e_t' } });
    const m = mergeCanvases(b, ours, theirs);
    assert.ok(m.doc.edges.some((e) => e.id === 'e_o') && !m.doc.edges.some((e) => e.id === 'e_t'));
    const c = m.conflicts.find((x) => x.on === 'edge');
    assert.ok(c?.on === 'edge' && c.theirs?.id === 'e_t' && /already has an edge/.test(c.reason), JSON.stringify(m.conflicts));
    assert.ok(parseDocument(text(m.doc)).ok);
  });

  it('both adding nodes, and a move against a param edit, merge cleanly; a node moved on both sides keeps ours, with a note', () => {
    const b = base();
    const ours = applied(applied(b, { type: 'insert', nodes: [{ ...makeNode('shot', { x: 0, y: 0 }, 'O'), id: 'n_o' }], edges: [] }), {
      type: 'move', moves: [{ id: 'n_shot1', x: 50, y: 60 }],
    });
    const theirs = set(applied(b, { type: 'insert', nodes: [{ ...makeNode('shot', { x: 0, y: 0 }, 'T'), id: 'n_t' }], edges: [] }), 'n_shot1', { duration: 7 });
    const m = mergeCanvases(b, ours, theirs);
    assert.deepEqual(m.conflicts, []);
    assert.deepEqual(m.notes, []);
    assert.ok(node(m.doc, 'n_o') && node(m.doc, 'n_t'));
    const shot1 = node(m.doc, 'n_shot1')!;
    assert.deepEqual(shot1.position, { x: 50, y: 60 });
    assert.equal((shot1.params as { duration: number }).duration, 7);
    const both = mergeCanvases(b, ours, applied(b, { type: 'move', moves: [{ id: 'n_shot1', x: 900, y: 900 }] }));
    assert.deepEqual(both.conflicts, []);
    assert.deepEqual(node(both.doc, 'n_shot1')!.position, { x: 50, y: 60 });
    assert.deepEqual(both.notes, ['"Shot 1" (shot n_shot1) was moved on both sides: kept ours at (50, 60), theirs had (900, 900)']);
  });

  it('a conflict one side resolved is not brought back by the other', () => {
    const b = base();
    const conflicted = mergeCanvases(b, set(b, 'n_shot1', { duration: 6 }), set(b, 'n_shot1', { duration: 9 })).doc;
    const { conflicts: _, ...resolved } = conflicted;
    const m = mergeCanvases(conflicted, resolved, set(conflicted, 'n_shot2', { duration: 3 }));
    assert.deepEqual(m.conflicts, []);
  });

  it('property: independent edits merge with no conflict into what applying both diffs gives, in either order', () => {
    fc.assert(
      fc.property(disjointMergeArb, ({ base: b, ours, theirs }) => {
        const m = mergeCanvases(b, ours, theirs);
        assert.deepEqual(m.conflicts, []);
        const merged = text(m.doc);
        assert.equal(merged, text(applied(ours, diffOps(diffCanvases(b, theirs)))));
        assert.equal(merged, text(applied(theirs, diffOps(diffCanvases(b, ours)))));
        assert.equal(merged, text(mergeCanvases(b, theirs, ours).doc));
        assert.ok(parseDocument(merged).ok);
      }),
      { numRuns: 200 },
    );
  });
});
