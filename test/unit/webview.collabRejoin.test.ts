import assert from 'node:assert/strict';
import { makeNode } from '../../core/ops';
import { SCHEMA_VERSION, type BmadDocument } from '../../core/schema';
import { settle, SimulatedNetwork, SimulatedPeer } from './collabSimulatedPeers';

function film(): BmadDocument {
  const scene = { ...makeNode('scene', { x: 0, y: 0 }, 'Harbour'), id: 'n-harbour' };
  const image = { ...makeNode('image', { x: 320, y: 0 }, 'Keyframe'), id: 'n-key' };
  return { version: SCHEMA_VERSION, nodes: [scene, image], edges: [] };
}

const peers: SimulatedPeer[] = [];
afterEach(() => peers.splice(0).forEach((p) => p.session.dispose()));

const params = (p: SimulatedPeer, id: string) => p.doc.nodes.find((n) => n.id === id)!.params as Record<string, unknown>;

/** Two peers (client ids 500 and 400) in one room, synced. */
async function joinedPair() {
  const net = new SimulatedNetwork();
  const a = new SimulatedPeer(film(), net, 500);
  const b = new SimulatedPeer(film(), net, 400);
  peers.push(a, b);
  a.join();
  b.join();
  await settle();
  return { net, a, b };
}

/**
 * B's canvas closes in a session, B and A edit different params of one node and different nodes,
 * B opens the canvas again and rejoins. `bId` is the client id of B's new page: Yjs breaks ties by
 * client id, so both orders are tried (a whole-node merge loses one side's edit in one of them).
 */
async function rejoinAfterClose(bId: number) {
  const { net, a, b } = await joinedPair();
  a.session.dispatch({ type: 'setParams', id: 'n-key', params: { steps: 7 } });
  await settle();
  b.reopen(bId);
  assert.ok(b.snapshots.size > 0, 'the host kept the session state when the canvas closed');
  // Offline at B (ops to its own file), online at A.
  assert.ok(b.session.dispatch({ type: 'setParams', id: 'n-key', params: { prompt: 'offline at B' } }).ok);
  assert.ok(b.session.dispatch({ type: 'rename', id: 'n-harbour', label: 'Harbour (B)' }).ok);
  await settle();
  assert.ok(a.session.dispatch({ type: 'setParams', id: 'n-key', params: { seed: 42 } }).ok);
  assert.ok(a.session.dispatch({ type: 'move', moves: [{ id: 'n-harbour', x: 64, y: 32 }] }).ok);
  await settle();
  b.join();
  await settle();
  return { a, b };
}

describe('collaboration: a peer whose canvas closed rejoins and merges its offline edits', () => {
  for (const bId of [300, 900]) {
    it(`per field and per param, with nothing duplicated or lost (B's new client id ${bId} vs A's 500)`, async () => {
      const { a, b } = await rejoinAfterClose(bId);
      assert.equal(a.text, b.text, 'byte-identical canonical text');
      assert.deepEqual(
        { prompt: params(a, 'n-key').prompt, seed: params(a, 'n-key').seed, steps: params(a, 'n-key').steps },
        { prompt: 'offline at B', seed: 42, steps: 7 },
      );
      const harbour = a.doc.nodes.find((n) => n.id === 'n-harbour')!;
      assert.equal(harbour.label, 'Harbour (B)');
      assert.deepEqual(harbour.position, { x: 64, y: 32 });
      assert.equal(a.doc.nodes.length, 2);
    });
  }

  it('a page that stayed open through Leave keeps its own history (nothing adopted twice)', async () => {
    const { a, b } = await joinedPair();
    b.session.receive({ type: 'collabLeave' });
    const ydoc = b.session.doc.ydoc;
    assert.ok(b.session.dispatch({ type: 'setParams', id: 'n-key', params: { prompt: 'while away' } }).ok);
    a.session.dispatch({ type: 'setParams', id: 'n-key', params: { seed: 9 } });
    await settle();
    b.join();
    await settle();
    assert.equal(b.session.doc.ydoc, ydoc, 'the same Y.Doc');
    assert.equal(a.text, b.text);
    assert.equal(params(a, 'n-key').prompt, 'while away');
    assert.equal(params(a, 'n-key').seed, 9);
  });
});
