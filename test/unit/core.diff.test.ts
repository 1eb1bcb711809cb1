import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  applyOp, diffCanvases, diffListing, diffOps, diffSummary, insert, invertDiff, makeEdge, makeNode, Op, parseDocument,
  revertOps, serializeDocument, setParams, type BmadDocument, type BmadNode,
} from '../../core';
import { documentArb } from './arbitraries';
import { applied, sideEditsArb, applySide } from './canvasEdits';

const text = (d: BmadDocument) => serializeDocument(d);
const ok = <T extends { ok: boolean }>(r: T): Extract<T, { ok: true }> => {
  assert.ok(r.ok, JSON.stringify(r));
  return r as Extract<T, { ok: true }>;
};

/** Script → scene → three shots; a small film's head, by fixed ids. */
function film(): BmadDocument {
  const nodes: BmadNode[] = [
    { ...makeNode('script', { x: 0, y: 0 }, 'Script'), id: 'n_script' },
    { ...makeNode('scene', { x: 300, y: 0 }, 'Scene 1'), id: 'n_scene' },
    ...[1, 2, 3].map((i) => ({ ...makeNode('shot', { x: 600, y: i * 200 }, `Shot ${i}`), id: `n_shot${i}` })),
  ];
  const edges = [
    { ...makeEdge('n_script', 'text', 'n_scene', 'script'), id: 'e_1' },
    ...[1, 2, 3].map((i) => ({ ...makeEdge('n_scene', 'scene', `n_shot${i}`, 'scene'), id: `e_s${i}` })),
  ];
  return ok(insert({ version: 1, nodes: [], edges: [] }, nodes, edges)).doc;
}

describe('core diff: what changed between two canvases, as data, text and invertible ops', () => {
  it('reports param-level changes, moves, labels, added and removed nodes and edges', () => {
    const a = film();
    let b = ok(setParams(a, 'n_shot1', { duration: 6, framing: 'wide' })).doc;
    b = applied(b, { type: 'move', moves: [{ id: 'n_shot2', x: 616, y: 400 }] });
    b = applied(b, { type: 'rename', id: 'n_shot3', label: 'Shot 3b' });
    b = applied(b, { type: 'remove', nodeIds: [], edgeIds: ['e_s2', 'e_s3'] });
    b = applied(b, { type: 'insert', nodes: [{ ...makeNode('shot', { x: 600, y: 800 }, 'Shot 4'), id: 'n_shot4' }], edges: [] });
    const d = diffCanvases(a, b);
    assert.equal(diffSummary(d), '3 shots changed, 1 added, 2 edges removed');
    const shot1 = d.nodes.find((n) => n.id === 'n_shot1');
    assert.ok(shot1?.status === 'changed');
    assert.deepEqual(shot1.params, [
      { key: 'framing', before: 'medium', after: 'wide' },
      { key: 'duration', before: 4, after: 6 },
    ]);
    const listing = diffListing(d, new Map([...a.nodes, ...b.nodes].map((n) => [n.id, n])));
    assert.deepEqual(listing, [
      '~ "Shot 1" (shot n_shot1)',
      '    params.framing: "medium" → "wide"',
      '    params.duration: 4 → 6',
      '~ "Shot 2" (shot n_shot2)',
      '    position: (600, 400) → (616, 400)',
      '~ "Shot 3b" (shot n_shot3)',
      '    label: "Shot 3" → "Shot 3b"',
      '+ "Shot 4" (shot n_shot4)',
      '- edge e_s2: "Scene 1".scene → "Shot 2".scene',
      '- edge e_s3: "Scene 1".scene → "Shot 3b".scene',
    ]);
  });

  it('compares nested values deeply, whatever the key order, and names kinds in the plural', () => {
    const a = ok(setParams(film(), 'n_shot1', { dialogue: [{ character: 'Ada', line: 'Hi' }] })).doc;
    const same = ok(setParams(a, 'n_shot1', { dialogue: [{ line: 'Hi', character: 'Ada' }] })).doc;
    assert.equal(diffSummary(diffCanvases(a, same)), 'no changes');
    const other = ok(setParams(a, 'n_shot1', { dialogue: [{ character: 'Ada', line: 'Hello' }] })).doc;
    const d = diffCanvases(a, other);
    assert.equal(diffSummary(d), '1 shot changed');
    const withAudio = applied(a, { type: 'insert', nodes: [makeNode('audio', { x: 0, y: 0 }), makeNode('audio', { x: 9, y: 0 })], edges: [] });
    assert.equal(diffSummary(diffCanvases(a, withAudio)), '2 audio nodes added');
    assert.equal(diffSummary(diffCanvases(withAudio, a)), '2 audio nodes removed');
  });

  it('a node that changes kind is replaced whole, and its unchanged edges come back', () => {
    const style = { ...makeNode('style', { x: 300, y: 400 }, 'Look'), id: 'n_style' };
    const a = ok(insert(film(), [style], [{ ...makeEdge('n_style', 'style', 'n_shot1', 'style'), id: 'e_look' }])).doc;
    // Shot 1 becomes a scene: its style input exists on both kinds, its "scene" input only on shots.
    const asScene = { ...makeNode('scene', { x: 600, y: 200 }, 'Shot 1'), id: 'n_shot1' };
    const b: BmadDocument = { ...a, nodes: a.nodes.map((n) => (n.id === 'n_shot1' ? asScene : n)), edges: a.edges.filter((e) => e.id !== 'e_s1') };
    const d = diffCanvases(a, b);
    assert.deepEqual(d.reattached.map((e) => e.id), ['e_look']);
    assert.equal(diffSummary(d), '1 scene changed, 1 edge removed');
    assert.equal(text(applied(a, diffOps(d))), text(b));
    assert.equal(text(applied(b, revertOps(d))), text(a));
  });

  it('property: apply(a, diffOps(diff(a, b))) is b and apply(b, revertOps) is a, by canonical text', () => {
    fc.assert(
      fc.property(documentArb(15), sideEditsArb, (a, edits) => {
        const b = applySide(a, edits, () => true, 'x');
        const d = diffCanvases(a, b);
        const forward = applied(a, diffOps(d));
        assert.equal(text(forward), text(b));
        assert.equal(text(applied(b, revertOps(d))), text(a));
        // The same through the protocol: the op crosses the webview boundary as JSON and is checked by zod.
        const wire = Op.parse(JSON.parse(JSON.stringify(diffOps(d))));
        assert.equal(text(applied(a, wire)), text(b));
        assert.deepEqual(diffCanvases(b, a).nodes.map((n) => n.status), invertDiff(d).nodes.map((n) => n.status));
      }),
      { numRuns: 150 },
    );
  });

  it('a batch is all or nothing, and says which op failed', () => {
    const a = film();
    const r = applyOp(a, { type: 'batch', ops: [{ type: 'rename', id: 'n_shot1', label: 'X' }, { type: 'rename', id: 'n_gone', label: 'Y' }] });
    assert.deepEqual(r, { ok: false, message: 'op 2 of 2 (rename): no node with id "n_gone"' });
  });

  it('a diff of a canvas with itself is empty, also after a parse round trip', () => {
    fc.assert(
      fc.property(documentArb(10), (a) => {
        const again = parseDocument(text(a));
        assert.ok(again.ok);
        const d = diffCanvases(a, again.doc);
        assert.equal(diffSummary(d), 'no changes');
        assert.deepEqual(diffOps(d), { type: 'batch', ops: [] });
      }),
      { numRuns: 50 },
    );
  });
});
