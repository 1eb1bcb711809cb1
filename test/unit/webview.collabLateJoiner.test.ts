import assert from 'node:assert/strict';
import { makeEdge, makeNode } from '../../core/ops';
import { SCHEMA_VERSION, type BmadDocument } from '../../core/schema';
import { prng } from './collabSeededNetwork';
import { settle, SimulatedNetwork, SimulatedPeer } from './collabSimulatedPeers';

/** The committed file every clone opens. */
function film(): BmadDocument {
  const scene = { ...makeNode('scene', { x: 0, y: 0 }, 'Harbour'), id: 'n-harbour' };
  const shot = { ...makeNode('shot', { x: 320, y: 0 }, 'Wide'), id: 'n-wide' };
  const image = { ...makeNode('image', { x: 640, y: 0 }, 'Keyframe'), id: 'n-key' };
  return { version: SCHEMA_VERSION, nodes: [scene, shot, image], edges: [{ ...makeEdge(scene.id, 'scene', shot.id, 'scene'), id: 'e-1' }] };
}

const peers: SimulatedPeer[] = [];
afterEach(() => peers.splice(0).forEach((p) => p.session.dispose()));

const where = (p: SimulatedPeer, id: string) => p.doc.nodes.find((n) => n.id === id)?.position;
const shown = (p: SimulatedPeer, id: string) => p.session.doc.getNode(id)?.position;

/**
 * Ada opens the file and starts the session (alone), drags a card and edits a param; then Cy opens
 * the same, older, file and joins fresh (no snapshot of the room). Yjs breaks ties between two
 * whole copies of a node by client id, so the ids given decide which copy would win.
 */
async function lateJoin(adaId: number, cyId: number, benId?: number) {
  const net = new SimulatedNetwork();
  const ada = new SimulatedPeer(film(), net, adaId);
  peers.push(ada);
  ada.join();
  if (benId !== undefined) {
    const ben = new SimulatedPeer(film(), net, benId);
    peers.push(ben);
    ben.join();
  }
  await settle();
  assert.ok(ada.session.dispatch({ type: 'move', moves: [{ id: 'n-harbour', x: 96, y: 48 }] }).ok);
  assert.ok(ada.session.dispatch({ type: 'setParams', id: 'n-key', params: { prompt: 'storm over the harbour' } }).ok);
  await settle();
  const cy = new SimulatedPeer(film(), net, cyId);
  peers.push(cy);
  assert.equal(cy.snapshots.size, 0, 'Cy has never been in this room');
  cy.join();
  await settle();
  return { ada, cy, all: [...peers] };
}

function assertKept(all: SimulatedPeer[]): void {
  for (const p of all) {
    assert.deepEqual(where(p, 'n-harbour'), { x: 96, y: 48 }, "Ada's drag in every peer's file");
    assert.deepEqual(shown(p, 'n-harbour'), { x: 96, y: 48 }, "Ada's drag on every peer's canvas");
    assert.equal((p.doc.nodes.find((n) => n.id === 'n-key')!.params as Record<string, unknown>).prompt, 'storm over the harbour');
    assert.equal(p.text, all[0]!.text, 'byte-identical canonical text');
  }
}

describe('collaboration: a fresh late joiner never undoes what the room did before it came', () => {
  // Both orders of client ids, forced: the joiner's id above and below the starter's.
  for (const [adaId, cyId] of [[500, 900], [900, 500], [1, 0xfffffffe], [0xfffffffe, 1]] as const) {
    it(`Ada's drag and param edit survive Cy's join (Ada ${adaId}, Cy ${cyId})`, async () => {
      const { all } = await lateJoin(adaId, cyId);
      assertKept(all);
    });
  }

  it('over 40 seeded client-id triples, with Ben in the room too, every peer keeps what the room did', async () => {
    const random = prng(9);
    const id = () => Math.floor(random() * 0xffffffff);
    for (let run = 0; run < 40; run++) {
      const { all } = await lateJoin(id(), id(), id());
      assertKept(all);
      peers.splice(0).forEach((p) => p.session.dispose());
    }
  });

  it('what the joiner does after joining merges like any edit', async () => {
    const { ada, cy } = await lateJoin(700, 300);
    assert.ok(cy.session.dispatch({ type: 'rename', id: 'n-harbour', label: 'Harbour (Cy)' }).ok);
    await settle();
    assert.equal(ada.doc.nodes.find((n) => n.id === 'n-harbour')!.label, 'Harbour (Cy)');
    assertKept([ada, cy]);
  });

  it('a joiner alone in the room gets a working session from its file', async () => {
    const net = new SimulatedNetwork();
    const cy = new SimulatedPeer(film(), net, 42);
    peers.push(cy);
    cy.join();
    await settle();
    assert.ok(cy.session.dispatch({ type: 'move', moves: [{ id: 'n-wide', x: 10, y: 20 }] }).ok);
    await settle();
    assert.deepEqual(where(cy, 'n-wide'), { x: 10, y: 20 });
    assert.equal(cy.doc.nodes.length, 3, 'every node of its file');
    assert.equal(cy.doc.edges.length, 1);
    cy.session.receive({ type: 'collabHistory', action: 'undo' });
    await settle();
    assert.deepEqual(where(cy, 'n-wide'), { x: 320, y: 0 }, 'its own undo works');
  });
});
