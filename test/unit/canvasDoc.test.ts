import assert from 'node:assert/strict';
import * as Y from 'yjs';
import { makeEdge, makeNode } from '../../core/ops';
import { nodeFrom, paramOf, SCHEMA_VERSION, type BmadDocument } from '../../core/schema';
import { gridCanvas } from '../../bench/canvas/gridCanvas';
import { CanvasDoc, type DocChange } from '../../webview/state/canvasDoc';
import { FILE, LOCAL } from '../../webview/state/origins';

function sampleDoc(): BmadDocument {
  const scene = makeNode('scene', { x: 0, y: 0 }, 'Scene');
  const shot = makeNode('shot', { x: 320, y: 0 }, 'Shot');
  const image = makeNode('image', { x: 640, y: 0 }, 'Image');
  return {
    version: SCHEMA_VERSION,
    nodes: [scene, shot, image],
    edges: [makeEdge(scene.id, 'scene', shot.id, 'scene'), makeEdge(shot.id, 'shot', image.id, 'shot')],
  };
}

/** A deep copy, as a document parsed from a `document` message is: no object shared with the mirror. */
const clone = (d: BmadDocument): BmadDocument => JSON.parse(JSON.stringify(d)) as BmadDocument;

describe('CanvasDoc (the Y.Doc wrapper)', () => {
  it('loads a document into fixed roots and gives the same plain JSON back', () => {
    const c = new CanvasDoc();
    const doc = sampleDoc();
    c.applyDocument(doc, FILE);
    assert.deepEqual(c.toJSON(), doc);
    assert.ok(c.nodesRoot.get(doc.nodes[0]!.id) instanceof Y.Map);
    assert.ok(c.nodesRoot.get(doc.nodes[0]!.id)!.get('params') instanceof Y.Map, 'params are a nested Y.Map');
    assert.equal(c.ydoc.getMap(CanvasDoc.ROOTS.edges).size, 2);
  });

  it('applying the same document again writes nothing', () => {
    const c = new CanvasDoc();
    c.applyDocument(sampleDoc(), FILE);
    let updates = 0;
    c.ydoc.on('update', () => updates++);
    c.applyDocument(clone(c.toJSON()), FILE);
    assert.equal(updates, 0);
  });

  it('a moved node is the only change, tagged with the origin, and other nodes keep their identity', () => {
    const c = new CanvasDoc();
    const doc = sampleDoc();
    c.applyDocument(doc, FILE);
    const before = new Map(c.nodeMap());
    const changes: DocChange[] = [];
    c.onChange((ch) => changes.push(ch));
    const next = clone(doc);
    next.nodes[1]!.position = { x: 400, y: 16 };
    c.applyDocument(next, FILE);
    assert.equal(changes.length, 1);
    assert.equal(changes[0]!.origin, FILE);
    assert.deepEqual([...changes[0]!.nodes], [doc.nodes[1]!.id]);
    assert.equal(changes[0]!.edges.size, 0);
    assert.deepEqual(c.getNode(doc.nodes[1]!.id)!.position, { x: 400, y: 16 });
    assert.equal(c.getNode(doc.nodes[0]!.id), before.get(doc.nodes[0]!.id));
    assert.equal(c.getNode(doc.nodes[2]!.id), before.get(doc.nodes[2]!.id));
  });

  it('a changed param writes only that key of the params map', () => {
    const c = new CanvasDoc();
    const doc = sampleDoc();
    c.applyDocument(doc, FILE);
    const params = c.nodesRoot.get(doc.nodes[2]!.id)!.get('params') as Y.Map<unknown>;
    const keys: string[] = [];
    params.observe((e) => keys.push(...e.keysChanged));
    const next = clone(doc);
    next.nodes[2] = nodeFrom({ ...next.nodes[2]!, params: { ...next.nodes[2]!.params, seed: 42 } });
    c.applyDocument(next, FILE);
    assert.deepEqual(keys, ['seed']);
    assert.equal(paramOf(c.getNode(doc.nodes[2]!.id)!, 'seed'), 42);
  });

  it('showDocument: a document of other nodes (a compare) replaces the canvas as applyDocument would, in one change', () => {
    const [shown, other] = [gridCanvas(600), gridCanvas(600)];
    const kept = new CanvasDoc();
    kept.applyDocument(shown, FILE);
    kept.applyDocument(other, FILE);
    const fresh = new CanvasDoc();
    fresh.applyDocument(shown, FILE);
    const before = fresh.ydoc;
    const changes: DocChange[] = [];
    fresh.onChange((c) => changes.push(c));
    fresh.showDocument(other, FILE);
    assert.notEqual(fresh.ydoc, before, 'a new Y.Doc');
    assert.deepEqual(fresh.toJSON(), kept.toJSON());
    assert.deepEqual(fresh.toJSON(), other);
    assert.equal(changes.length, 1);
    assert.equal(changes[0]!.origin, FILE);
    assert.deepEqual([...changes[0]!.nodes].sort(), [...shown.nodes, ...other.nodes].map((n) => n.id).sort());
    assert.deepEqual([...changes[0]!.edges].sort(), [...shown.edges, ...other.edges].map((e) => e.id).sort());
    // The new Y.Doc is the canvas from now on: an edit goes into it.
    assert.ok(fresh.applyOp({ type: 'rename', id: other.nodes[0]!.id, label: 'renamed' }, LOCAL).ok);
    assert.equal(fresh.nodesRoot.get(other.nodes[0]!.id)?.get('label'), 'renamed');
  });

  it('showDocument keeps the Y.Doc when most nodes stay', () => {
    const shown = gridCanvas(600);
    const c = new CanvasDoc();
    c.applyDocument(shown, FILE);
    const before = c.ydoc;
    const next = { ...shown, nodes: shown.nodes.map((n, i) => (i % 10 ? n : { ...n, label: `${n.label} (was)` })) };
    c.showDocument(next, FILE);
    assert.equal(c.ydoc, before);
    assert.deepEqual(c.toJSON(), next);
  });

  it('removes nodes and edges that the document no longer has', () => {
    const c = new CanvasDoc();
    const doc = sampleDoc();
    c.applyDocument(doc, FILE);
    c.applyDocument({ ...clone(doc), nodes: clone(doc).nodes.slice(0, 2), edges: clone(doc).edges.slice(0, 1) }, FILE);
    assert.equal(c.nodeMap().size, 2);
    assert.equal(c.edgeMap().size, 1);
  });

  it('applies core ops locally with core rules (a cycle is refused and changes nothing)', () => {
    const c = new CanvasDoc();
    const doc = sampleDoc();
    c.applyDocument(doc, FILE);
    const origins: unknown[] = [];
    c.onChange((ch) => origins.push(ch.origin));
    const ok = c.applyOp({ type: 'rename', id: doc.nodes[0]!.id, label: 'Opening' }, LOCAL);
    assert.ok(ok.ok);
    assert.equal(c.getNode(doc.nodes[0]!.id)!.label, 'Opening');
    const bad = c.applyOp({ type: 'connect', edge: makeEdge(doc.nodes[1]!.id, 'shot', doc.nodes[1]!.id, 'scene') }, LOCAL);
    assert.equal(bad.ok, false);
    assert.deepEqual(origins, [LOCAL]);
  });

  it('sees a change made by another provider (its own origin) like any other', () => {
    const c = new CanvasDoc();
    const doc = sampleDoc();
    c.applyDocument(doc, FILE);
    const peer = new Y.Doc();
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(c.ydoc));
    peer.getMap<Y.Map<unknown>>('nodes').get(doc.nodes[0]!.id)!.set('label', 'From a peer');
    const provider = { name: 'simulated-webrtc' };
    const seen: unknown[] = [];
    c.onChange((ch) => seen.push(ch.origin));
    Y.applyUpdate(c.ydoc, Y.encodeStateAsUpdate(peer), provider);
    assert.equal(c.getNode(doc.nodes[0]!.id)!.label, 'From a peer');
    assert.deepEqual(seen, [provider]);
  });
});
