import assert from 'node:assert/strict';
import { makeEdge, makeNode } from '../../core/ops';
import type { ToHost } from '../../core/protocol';
import { SCHEMA_VERSION, type BmadDocument } from '../../core/schema';
import type { HostChannel } from '../../webview/host/hostChannel';
import { CanvasSession } from '../../webview/state/session';

function sampleDoc(): BmadDocument {
  const scene = makeNode('scene', { x: 0, y: 0 }, 'Scene');
  const shot = makeNode('shot', { x: 320, y: 0 }, 'Shot');
  return { version: SCHEMA_VERSION, nodes: [scene, shot], edges: [makeEdge(scene.id, 'scene', shot.id, 'scene')] };
}

/** A recording host channel (the state lives in memory, as VS Code keeps it). */
function fakeHost(state?: unknown): HostChannel & { sent: ToHost[]; state: unknown } {
  const h = {
    sent: [] as ToHost[],
    state,
    post: (m: ToHost) => void h.sent.push(structuredClone(m)),
    getState: () => h.state,
    setState: (s: unknown) => void (h.state = JSON.parse(JSON.stringify(s)) as unknown),
  };
  return h;
}

const documentMessage = (doc: BmadDocument) => ({ type: 'document', file: 'main.bmad', doc: JSON.parse(JSON.stringify(doc)) as unknown, settings: { snapToGrid: true, showMinimap: true } });
const ops = (h: { sent: ToHost[] }) => h.sent.filter((m) => m.type === 'op');

describe('CanvasSession (webview side of the protocol)', () => {
  let session: CanvasSession | undefined;
  afterEach(() => session?.dispose());

  it('says ready, and a document from the host produces no outgoing op', () => {
    const host = fakeHost();
    session = new CanvasSession(host);
    session.start();
    assert.deepEqual(host.sent, [{ type: 'ready' }]);
    const doc = sampleDoc();
    session.receive(documentMessage(doc));
    const moved = JSON.parse(JSON.stringify(doc)) as BmadDocument;
    moved.nodes[0]!.position = { x: 64, y: 64 };
    session.receive(documentMessage(moved));
    assert.equal(session.ui.get().mode, 'canvas');
    assert.deepEqual(session.doc.getNode(doc.nodes[0]!.id)!.position, { x: 64, y: 64 });
    assert.deepEqual(ops(host), []);
  });

  it('a local gesture updates the doc at once and posts exactly one op', () => {
    const host = fakeHost();
    session = new CanvasSession(host);
    session.start();
    const doc = sampleDoc();
    session.receive(documentMessage(doc));
    const r = session.dispatch({ type: 'move', moves: [{ id: doc.nodes[1]!.id, x: 500, y: 32 }] });
    assert.ok(r.ok);
    assert.deepEqual(session.doc.getNode(doc.nodes[1]!.id)!.position, { x: 500, y: 32 });
    assert.equal(ops(host).length, 1);
  });

  it('an op the host has not answered survives a document that crossed it; a rejected one does not', () => {
    const host = fakeHost();
    session = new CanvasSession(host);
    session.start();
    const doc = sampleDoc();
    session.receive(documentMessage(doc));
    session.dispatch({ type: 'rename', id: doc.nodes[0]!.id, label: 'Renamed' });
    session.receive(documentMessage(doc)); // written before the host saw the rename
    assert.equal(session.doc.getNode(doc.nodes[0]!.id)!.label, 'Renamed');
    const op = ops(host)[0] as Extract<ToHost, { type: 'op' }>;
    session.receive({ type: 'opResult', seq: op.seq, ok: false, message: 'the file changed' });
    session.receive(documentMessage(doc)); // the host resends the document after a rejection
    assert.equal(session.doc.getNode(doc.nodes[0]!.id)!.label, 'Scene');
    assert.equal(session.ui.get().status?.text, 'the file changed');
  });

  it('refuses an op core refuses, without posting it', () => {
    const host = fakeHost();
    session = new CanvasSession(host);
    session.start();
    const doc = sampleDoc();
    session.receive(documentMessage(doc));
    const r = session.dispatch({ type: 'connect', edge: makeEdge(doc.nodes[1]!.id, 'shot', doc.nodes[0]!.id, 'style') });
    assert.equal(r.ok, false);
    assert.deepEqual(ops(host), []);
    assert.match(session.ui.get().status?.text ?? '', /cannot connect the text output "Shot" of "Shot" to the style input of "Scene"/);
  });

  it('drops an invalid message and logs it back to the host as a warning', () => {
    const host = fakeHost();
    session = new CanvasSession(host);
    session.start();
    session.receive({ type: 'document', file: 'x.bmad', doc: { version: 1, nodes: 'nope', edges: [] } });
    session.receive('garbage');
    assert.equal(session.ui.get().mode, 'loading');
    const logs = host.sent.filter((m) => m.type === 'log');
    assert.equal(logs.length, 2);
    assert.ok(logs.every((m) => m.type === 'log' && m.level === 'warn'));
  });

  it('shows the error view for an invalid file and never posts ops from it', () => {
    const host = fakeHost();
    session = new CanvasSession(host);
    session.start();
    session.receive(documentMessage(sampleDoc()));
    session.receive({ type: 'invalid', file: 'main.bmad', issues: [{ path: ['nodes', 0], message: 'bad', line: 3, column: 5 }] });
    assert.equal(session.ui.get().mode, 'invalid');
    const r = session.dispatch({ type: 'remove', nodeIds: [...session.doc.nodeMap().keys()], edgeIds: [] });
    assert.equal(r.ok, false);
    assert.deepEqual(ops(host), []);
  });

  it('an LFS pointer shows its size in the error view, and Pull asks the host to pull', () => {
    const host = fakeHost();
    session = new CanvasSession(host);
    session.start();
    session.receive({ type: 'invalid', file: 'main.bmad', issues: [{ path: [], message: 'not JSON', line: 1, column: 1 }], lfsPointer: { size: 2048 } });
    assert.equal(session.ui.get().mode, 'invalid');
    assert.deepEqual(session.ui.get().lfsPointer, { size: 2048 });
    session.pullLfs();
    assert.deepEqual(host.sent.at(-1), { type: 'lfsPull' });
    session.receive({ type: 'invalid', file: 'main.bmad', issues: [{ path: [], message: 'not JSON', line: 1, column: 1 }] });
    assert.equal(session.ui.get().lfsPointer, undefined, 'a broken file that is not a pointer offers no Pull');
  });

  it('restores document, viewport and selection from saved state before the host answers', () => {
    const first = fakeHost();
    session = new CanvasSession(first);
    session.start();
    const doc = sampleDoc();
    session.receive(documentMessage(doc));
    session.select([doc.nodes[1]!.id]);
    session.setViewport({ x: -40, y: 12, zoom: 0.8 });
    session.dispose(); // flushes the saved state
    const second = fakeHost(first.state);
    session = new CanvasSession(second);
    session.start();
    assert.equal(session.ui.get().mode, 'canvas');
    assert.deepEqual(session.doc.toJSON(), doc);
    assert.deepEqual([...session.ui.get().selection], [doc.nodes[1]!.id]);
    assert.deepEqual(session.ui.get().initialViewport, { x: -40, y: 12, zoom: 0.8 });
  });
});
