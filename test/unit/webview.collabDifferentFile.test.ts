import assert from 'node:assert/strict';
import * as Y from 'yjs';
import { makeEdge, makeNode } from '../../core/ops';
import { SCHEMA_VERSION, type BmadDocument } from '../../core/schema';
import { mustTakeTheirs, type Hello } from '../../webview/collab/seedGate';
import { prng } from './collabSeededNetwork';
import { settle, SimulatedNetwork, SimulatedPeer } from './collabSimulatedPeers';

/** The film one commit behind (what Cy's clone has). */
function older(): BmadDocument {
  const scene = { ...makeNode('scene', { x: 0, y: 0 }, 'Harbour'), id: 'n-harbour' };
  const shot = { ...makeNode('shot', { x: 320, y: 0 }, 'Wide'), id: 'n-wide' };
  const image = { ...makeNode('image', { x: 640, y: 0 }, 'Keyframe'), id: 'n-key' };
  return { version: SCHEMA_VERSION, nodes: [scene, shot, image], edges: [{ ...makeEdge(scene.id, 'scene', shot.id, 'scene'), id: 'e-1' }] };
}

/** The next commit, which the room started from: a label changed, a card added. */
function newer(): BmadDocument {
  const doc = older();
  doc.nodes[1] = { ...doc.nodes[1]!, label: 'Wide, at dusk' };
  doc.nodes.push({ ...makeNode('shot', { x: 320, y: 260 }, 'Close'), id: 'n-close' });
  return doc;
}

const peers: SimulatedPeer[] = [];
afterEach(() => peers.splice(0).forEach((p) => p.session.dispose()));

const node = (p: SimulatedPeer, id: string) => p.doc.nodes.find((n) => n.id === id);
const shown = (p: SimulatedPeer, id: string) => p.session.doc.getNode(id);

function peer(file: BmadDocument, net: SimulatedNetwork, clientID: number): SimulatedPeer {
  const p = new SimulatedPeer(file, net, clientID);
  peers.push(p);
  return p;
}

/** Ada starts the room from the newer commit and edits; `ben`: Ben (same commit) is in it too. */
async function room(net: SimulatedNetwork, adaId: number, benId?: number) {
  const ada = peer(newer(), net, adaId);
  ada.join();
  if (benId !== undefined) peer(newer(), net, benId).join();
  await settle();
  assert.ok(ada.session.dispatch({ type: 'move', moves: [{ id: 'n-harbour', x: 96, y: 48 }, { id: 'n-close', x: 400, y: 300 }] }).ok);
  assert.ok(ada.session.dispatch({ type: 'setParams', id: 'n-key', params: { prompt: 'storm over the harbour' } }).ok);
  await settle();
  return ada;
}

/** Every peer shows and holds the room's canvas: the newer commit with Ada's edits, byte-identical. */
function assertRoomCanvas(all: SimulatedPeer[]): void {
  for (const p of all) {
    assert.deepEqual(node(p, 'n-harbour')!.position, { x: 96, y: 48 }, "Ada's drag in every peer's file");
    assert.deepEqual(shown(p, 'n-harbour')!.position, { x: 96, y: 48 }, "Ada's drag on every peer's canvas");
    assert.deepEqual(shown(p, 'n-close')?.position, { x: 400, y: 300 }, 'the card of the newer commit, where Ada put it');
    assert.equal(node(p, 'n-wide')!.label, 'Wide, at dusk', "the newer commit's label, not the older one's");
    assert.equal((node(p, 'n-key')!.params as Record<string, unknown>).prompt, 'storm over the harbour');
    assert.equal(p.session.doc.nodeMap().size, 4);
    assert.equal(p.text, all[0]!.text, 'byte-identical canonical text');
  }
}

describe("collaboration: a fresh joiner whose file is not the room's takes the room's canvas", () => {
  it("Cy, one commit behind, joins Ada's edited room: every peer ends with the room's canvas, over 30 seeded id pairs", async () => {
    const random = prng(91);
    const id = () => Math.floor(random() * 0xffffffff);
    for (let run = 0; run < 30; run++) {
      const net = new SimulatedNetwork();
      const ada = await room(net, id());
      const before = ada.text;
      const cy = peer(older(), net, id());
      assert.equal(cy.snapshots.size, 0, 'Cy has never been in this room');
      cy.join();
      await settle();
      assertRoomCanvas([ada, cy]);
      assert.equal(ada.text, before, "Cy's join changed nothing in Ada's file");
      assert.ok(cy.sent.some((m) => m.type === 'collabDoc'), "Cy's host was asked to write the room's canvas (an edit of its text)");
      peers.splice(0).forEach((p) => p.session.dispose());
    }
  });

  it('Cy with unsaved edits joins a room of two synced peers: it takes the room, and then edits and undoes like anyone', async () => {
    const net = new SimulatedNetwork();
    const ada = await room(net, 0xfffffff0, 7);
    const unsaved = newer();
    unsaved.nodes[0] = { ...unsaved.nodes[0]!, position: { x: -500, y: -500 }, label: 'Harbour (unsaved)' };
    const cy = peer(unsaved, net, 0xfffffffe);
    cy.join();
    await settle();
    assertRoomCanvas(peers);
    assert.equal(node(cy, 'n-harbour')!.label, 'Harbour');
    assert.ok(cy.session.dispatch({ type: 'rename', id: 'n-wide', label: 'Wide (Cy)' }).ok);
    await settle();
    assert.equal(node(ada, 'n-wide')!.label, 'Wide (Cy)', "Cy's edit after joining reaches the room");
    cy.session.receive({ type: 'collabHistory', action: 'undo' });
    await settle();
    assert.equal(node(ada, 'n-wide')!.label, 'Wide, at dusk', "Cy's undo undoes Cy's edit");
    assertRoomCanvas(peers);
  });

  it('two fresh peers with different files meeting at once: the one in the room first keeps its file, at both', async () => {
    for (const [adaId, cyId] of [[500, 900], [900, 500]] as const) {
      const net = new SimulatedNetwork();
      const ada = peer(newer(), net, adaId);
      const cy = peer(older(), net, cyId);
      ada.join();
      cy.join();
      await settle();
      assert.equal(node(cy, 'n-wide')!.label, 'Wide, at dusk', "Ada's file, at Cy");
      assert.equal(cy.text, ada.text);
      assert.equal(ada.sent.filter((m) => m.type === 'collabDoc').length, 0, "Ada's file was not rewritten");
      peers.splice(0).forEach((p) => p.session.dispose());
    }
  });

  it('the rule: each end of a link decides from the same two hellos, and exactly one of two fresh peers yields', () => {
    const sv = (seed: number) => new Map([[seed, 10]]);
    const hello = (fresh: boolean, seed: number, inRoomMs: number): Hello => ({ fresh, seed, inRoomMs });
    const pairs: [Hello, Hello][] = [
      [hello(true, 1, 5), hello(true, 2, 5)], [hello(true, 2, 5), hello(true, 1, 5)],
      [hello(true, 1, 9), hello(true, 2, 3)], [hello(true, 1, 3), hello(true, 2, 9)],
    ];
    for (const [a, b] of pairs) {
      const yields = [mustTakeTheirs(a, b, sv(b.seed)), mustTakeTheirs(b, a, sv(a.seed))];
      assert.equal(yields.filter(Boolean).length, 1, JSON.stringify([a, b]));
      const keeper = yields[0] ? b : a;
      const other = keeper === a ? b : a;
      assert.ok(keeper.inRoomMs > other.inRoomMs || (keeper.inRoomMs === other.inRoomMs && keeper.seed < other.seed));
    }
    assert.equal(mustTakeTheirs(hello(true, 1, 0), hello(false, 2, 0), sv(2)), true, 'a fresh peer takes the room');
    assert.equal(mustTakeTheirs(hello(false, 1, 0), hello(true, 2, 99), sv(2)), false, 'the room never yields');
    assert.equal(mustTakeTheirs(hello(true, 1, 0), hello(false, 1, 9), new Map([[1, 10], [77, 3]])), false, 'same seed: merge');
    assert.equal(mustTakeTheirs(hello(true, 1, 0), hello(false, 2, 9), new Map()), false, 'nothing to take');
  });
});

describe('collaboration: a fresh joiner of the same file still gets only the diff', () => {
  /** A canvas of `n` cards (the same file at every peer). */
  function big(n: number): BmadDocument {
    const nodes = Array.from({ length: n }, (_, i) => ({ ...makeNode('shot', { x: (i % 20) * 320, y: Math.floor(i / 20) * 260 }, `shot ${i}`), id: `n-${i}` }));
    return { version: SCHEMA_VERSION, nodes, edges: [] };
  }

  async function joinBytes(cyFile: BmadDocument) {
    const net = new SimulatedNetwork();
    const ada = peer(big(300), net, 1234);
    ada.join();
    await settle();
    for (let i = 0; i < 5; i++) assert.ok(ada.session.dispatch({ type: 'move', moves: [{ id: `n-${i * 7}`, x: i, y: i }] }).ok);
    await settle();
    const whole = Y.encodeStateAsUpdate(ada.session.doc.ydoc).length;
    const cy = peer(cyFile, net, 4321);
    const before = net.bytes;
    cy.join();
    await settle();
    assert.equal(cy.text, ada.text);
    assert.deepEqual(shown(cy, 'n-28')!.position, { x: 4, y: 4 });
    return { sent: net.bytes - before, whole };
  }

  it('300 cards: the join sends a small fraction of the doc (the room\'s 5 moves), not the canvas', async () => {
    const same = await joinBytes(big(300));
    assert.ok(same.sent < same.whole / 20, `${same.sent} bytes sent for a ${same.whole}-byte doc`);
    // The measure sees a whole canvas when one travels: a joiner of another file gets all of it.
    const other = big(300);
    other.nodes[0] = { ...other.nodes[0]!, label: 'changed in my clone' };
    const differs = await joinBytes(other);
    assert.ok(differs.sent > differs.whole * 0.9, `${differs.sent} bytes sent for a ${differs.whole}-byte doc`);
  });
});
