import assert from 'node:assert/strict';
import { makeEdge, makeNode } from '../../core/ops';
import { SCHEMA_VERSION, type BmadDocument } from '../../core/schema';
import { invalidEdges, rebaseOnto } from '../../webview/collab/sharedGraph';
import { settle, SimulatedNetwork, SimulatedPeer } from './collabSimulatedPeers';

function film(): BmadDocument {
  const scene = makeNode('scene', { x: 0, y: 0 }, 'Scene');
  const shot = makeNode('shot', { x: 320, y: 0 }, 'Shot');
  const image = makeNode('image', { x: 640, y: 0 }, 'Keyframe');
  return { version: SCHEMA_VERSION, nodes: [scene, shot, image], edges: [makeEdge(scene.id, 'scene', shot.id, 'scene')] };
}

const peers: SimulatedPeer[] = [];
afterEach(() => peers.splice(0).forEach((p) => p.session.dispose()));

/** Two peers on clones of one file, in one session. */
async function pair() {
  const file = film();
  const net = new SimulatedNetwork();
  const a = new SimulatedPeer(file, net);
  const b = new SimulatedPeer(file, net);
  peers.push(a, b);
  a.join();
  b.join();
  await settle();
  return { file, net, a, b, ids: file.nodes.map((n) => n.id) as [string, string, string] };
}

describe('collaboration session in the webview (simulated peers)', () => {
  it('concurrent edits to different nodes and to the same node converge, and every text is the same', async () => {
    const { net, a, b, ids } = await pair();
    net.hold = true;
    a.session.dispatch({ type: 'move', moves: [{ id: ids[0], x: 100, y: 50 }] });
    b.session.dispatch({ type: 'rename', id: ids[1], label: 'Shot by B' });
    a.session.dispatch({ type: 'rename', id: ids[2], label: 'A says' });
    b.session.dispatch({ type: 'rename', id: ids[2], label: 'B says' });
    net.deliver();
    await settle();
    assert.equal(a.text, b.text, 'byte-identical canonical text');
    const doc = a.doc;
    assert.deepEqual(doc.nodes.find((n) => n.id === ids[0])!.position, { x: 100, y: 50 });
    assert.equal(doc.nodes.find((n) => n.id === ids[1])!.label, 'Shot by B');
    assert.ok(['A says', 'B says'].includes(doc.nodes.find((n) => n.id === ids[2])!.label));
    // Remote changes reach the host as the shared canvas, never as this peer's ops.
    assert.deepEqual([...a.sent, ...b.sent].filter((m) => m.type === 'op'), []);
  });

  it('a peer\'s own gesture is drawn once its update is sent; a peer\'s burst is drawn in at most two: the first at once, the rest at the next frame', async () => {
    const { net, a, b, ids } = await pair();
    const before = net.bytes;
    const drawn = { a: [] as { nodes: string[]; sentBytes: number }[], b: [] as string[][] };
    a.session.doc.onViewChange((c) => drawn.a.push({ nodes: [...c.nodes], sentBytes: net.bytes - before }));
    const bDrewAll = new Promise<void>((resolve) => b.session.doc.onViewChange((c) => {
      drawn.b.push([...c.nodes]);
      if (new Set(drawn.b.flat()).size === ids.length) resolve();
    }));
    net.hold = true;
    // Three gestures, three updates, arriving at B together (as data-channel messages queue up).
    for (const [i, id] of ids.entries()) a.session.dispatch({ type: 'move', moves: [{ id, x: 100 * i, y: 50 }] });
    await settle();
    assert.equal(drawn.a.length, 3, 'A draws each of its gestures');
    assert.deepEqual(drawn.a.map((d) => d.nodes), ids.map((id) => [id]));
    // Yjs emits the update after the observers that tell the view: drawn at once, A would draw first.
    assert.ok(drawn.a.every((d) => d.sentBytes > 0), 'A\'s update was handed to the link before A drew its move');
    assert.deepEqual(drawn.b, [], 'nothing has arrived at B');
    net.deliver();
    assert.ok(drawn.b.length <= 1, `B draws the first update as it arrives, not the others (${drawn.b.length} draws)`);
    await bDrewAll;
    await settle();
    assert.ok(drawn.b.length <= 2, `the others are drawn at the next frame, together (${JSON.stringify(drawn.b)})`);
    assert.deepEqual(new Set(drawn.b.flat()), new Set(ids));
    assert.deepEqual(b.session.doc.getNode(ids[2])?.position, { x: 200, y: 50 });
  });

  it('a burst of remote edits reaches the host\'s text as a few whole-canvas writes, the last one current', async () => {
    const { a, b, ids } = await pair();
    const writes = () => b.sent.filter((m) => m.type === 'collabDoc').length;
    const before = writes();
    // 50 gestures, each in a task of its own, as a drag's moves arrive: without pacing, 50 writes.
    for (let i = 1; i <= 50; i++) {
      a.session.dispatch({ type: 'move', moves: [{ id: ids[0], x: 16 * i, y: 0 }] });
      await new Promise<void>((r) => setTimeout(r, 0));
    }
    await settle();
    const made = writes() - before;
    assert.ok(made >= 1 && made < 25, `50 remote moves became ${made} writes of B's text`);
    assert.deepEqual(b.doc.nodes.find((n) => n.id === ids[0])!.position, { x: 800, y: 0 }, 'the last write has the last move');
    assert.equal(a.text, b.text);
  });

  it('undo undoes only this peer\'s own last gesture, one gesture per step, and redo brings it back', async () => {
    const { a, b, ids } = await pair();
    a.session.dispatch({ type: 'move', moves: [{ id: ids[0], x: 16, y: 16 }] });
    a.session.dispatch({ type: 'move', moves: [{ id: ids[0], x: 32, y: 32 }] });
    b.session.dispatch({ type: 'rename', id: ids[1], label: 'B was here' });
    await settle();
    a.session.history('undo');
    await settle();
    assert.deepEqual(a.doc.nodes.find((n) => n.id === ids[0])!.position, { x: 16, y: 16 }, 'one step back');
    assert.equal(a.doc.nodes.find((n) => n.id === ids[1])!.label, 'B was here', "B's edit stays");
    assert.equal(a.text, b.text);
    a.session.history('redo');
    await settle();
    assert.deepEqual(b.doc.nodes.find((n) => n.id === ids[0])!.position, { x: 32, y: 32 });
    assert.equal(a.text, b.text);
  });

  it('Edit › Undo on the text (collabHistory) ends with the shared state written back even with nothing to undo', async () => {
    const { a, b, file } = await pair();
    const before = a.text;
    // VS Code undid the text to something older; the host tells the canvas instead of sending it.
    a.text = '{}\n';
    a.session.receive({ type: 'collabHistory', action: 'undo' });
    await settle();
    assert.equal(a.text, before);
    assert.equal(b.text, before);
    assert.equal(a.doc.nodes.length, file.nodes.length);
  });

  it('deleting a node while another peer connects to it leaves a file that saves at both', async () => {
    const { net, a, b, ids } = await pair();
    net.hold = true;
    a.session.dispatch({ type: 'remove', nodeIds: [ids[2]], edgeIds: [] });
    const r = b.session.dispatch({ type: 'connect', edge: makeEdge(ids[1], 'shot', ids[2], 'shot') });
    assert.ok(r.ok, r.ok ? '' : r.message);
    net.deliver();
    await settle();
    assert.equal(a.text, b.text);
    assert.equal(a.doc.nodes.length, 2);
    assert.deepEqual(a.doc.edges.filter((e) => e.target === ids[2]), [], 'the edge to the deleted node is gone');
  });

  it('a change to the text from elsewhere is carried onto the shared canvas without resetting a peer\'s edit', async () => {
    const { net, a, b, ids, file } = await pair();
    net.hold = true;
    b.session.dispatch({ type: 'rename', id: ids[0], label: 'B renamed it' });
    const edited = structuredClone(file);
    edited.nodes[1]!.label = 'typed in the text editor';
    a.editText(edited);
    net.deliver();
    await settle();
    assert.equal(a.text, b.text);
    assert.equal(a.doc.nodes.find((n) => n.id === ids[0])!.label, 'B renamed it');
    assert.equal(a.doc.nodes.find((n) => n.id === ids[1])!.label, 'typed in the text editor');
  });

  it('the host resending the text it was given changes nothing', async () => {
    const { a, b, ids } = await pair();
    const stale = a.doc;
    b.session.dispatch({ type: 'rename', id: ids[0], label: 'newer' });
    await settle();
    // A `document` that crossed B's update on the way (a save's re-read): a text A wrote before.
    a.session.receive({ type: 'document', file: 'main.bmad', doc: JSON.parse(JSON.stringify(stale)) as unknown, settings: { snapToGrid: true, showMinimap: true } });
    await settle();
    assert.equal(a.doc.nodes.find((n) => n.id === ids[0])!.label, 'newer');
    assert.equal(a.text, b.text);
  });
});

describe('sharedGraph', () => {
  it('invalidEdges names an edge to a missing node and the second edge into a single input, by id order', () => {
    const doc = film();
    const [scene, shot] = doc.nodes;
    const dangling = { ...makeEdge(shot!.id, 'shot', 'gone', 'shot'), id: 'e-dangling' };
    const second = { ...makeEdge(scene!.id, 'scene', shot!.id, 'scene'), id: 'zz-second' };
    assert.deepEqual(invalidEdges({ ...doc, edges: [...doc.edges, dangling, second] }).sort(), ['e-dangling', 'zz-second']);
    assert.deepEqual(invalidEdges(doc), []);
  });

  it('rebaseOnto carries only what changed between base and incoming', () => {
    const base = film();
    const current = structuredClone(base);
    current.nodes[0]!.label = 'theirs';
    const incoming = structuredClone(base);
    incoming.nodes.splice(2, 1);
    const out = rebaseOnto(base, incoming, current);
    assert.deepEqual(out.nodes.map((n) => n.label), ['theirs', 'Shot']);
  });
});
