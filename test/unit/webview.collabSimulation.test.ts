import assert from 'node:assert/strict';
import * as Y from 'yjs';
import { kindSpec, makeNode, parseDocument, serializeDocument, validateDocument, type BmadDocument, type BmadNode, type NodeKind, type Op } from '../../core';
import { SCHEMA_VERSION } from '../../core/schema';
import { prng, SeededNetwork } from './collabSeededNetwork';
import { settle, SimulatedPeer } from './collabSimulatedPeers';

/**
 * Seeded simulations of a session, as the Yjs test suite runs them: 2–5 peers, each the real webview
 * session (CanvasSession → CanvasDoc → docDiff, and the host's canonical text from core/serialize),
 * make random gestures while the network delivers late, out of order, loses updates and resyncs,
 * hosts echo their text back, and canvases close, are edited offline and rejoin (from the kept snapshot). Whatever happened, once the network heals every peer's text is the same
 * bytes and a valid .bmad. The seeds are a fixed list, so a failure names the seed that replays it.
 */

const SEEDS = Array.from({ length: 60 }, (_, i) => 0x5eed + i * 7919);
const STEPS = 120;
const KINDS: NodeKind[] = ['scene', 'shot', 'image'];

type Rand = () => number;
const int = (r: Rand, n: number) => Math.floor(r() * n);
const pick = <T>(r: Rand, xs: readonly T[]): T | undefined => (xs.length ? xs[int(r, xs.length)] : undefined);
const word = (r: Rand) => Array.from({ length: 1 + int(r, 8) }, () => 'abcdefghij'[int(r, 10)]).join('');

function startingCanvas(r: Rand): BmadDocument {
  const nodes = Array.from({ length: 4 }, (_, i) => node(r, KINDS[i % KINDS.length]!, `n-start-${i}`));
  return { version: SCHEMA_VERSION, nodes, edges: [] };
}

function node(r: Rand, kind: NodeKind, id: string): BmadNode {
  return { ...makeNode(kind, { x: int(r, 2000), y: int(r, 2000) }, word(r)), id };
}

/** A param change a card's inspector could make, for the kinds in KINDS. */
function paramPatch(r: Rand, n: BmadNode): Record<string, unknown> {
  switch (n.kind) {
    case 'scene':
      return pick(r, [{ synopsis: word(r) }, { heading: `INT. ${word(r).toUpperCase()} - DAY` }, { number: 1 + int(r, 50) }])!;
    case 'image':
      return pick(r, [{ seed: int(r, 1e6) }, { prompt: word(r) }, { steps: 1 + int(r, 40) }])!;
    default:
      return { duration: 1 + int(r, 10) };
  }
}

/** A random gesture on what this peer sees now; undefined when the canvas offers none of that kind. */
function gesture(r: Rand, doc: BmadDocument, peer: number, seq: number): Op | undefined {
  const n = pick(r, doc.nodes);
  switch (int(r, 6)) {
    case 0:
      return { type: 'insert', nodes: [node(r, pick(r, KINDS)!, `n-p${peer}-${seq}`)], edges: [] };
    case 1:
      return n && { type: 'move', moves: [{ id: n.id, x: int(r, 3000), y: int(r, 3000) }] };
    case 2:
      return n && { type: 'setParams', id: n.id, params: paramPatch(r, n) };
    case 3:
      return n && { type: 'rename', id: n.id, label: word(r) };
    case 4:
      return n && { type: 'remove', nodeIds: [n.id], edgeIds: [] };
    default: {
      const to = pick(r, doc.nodes);
      if (!n || !to || to === n) return undefined;
      const outs = kindSpec(n.kind).outputs;
      const ins = kindSpec(to.kind).inputs;
      const pairs = outs.flatMap((o) => ins.filter((i) => i.type === o.type).map((i) => [o.id, i.id] as const));
      const p = pick(r, pairs);
      return p && { type: 'connect', edge: { id: `e-p${peer}-${seq}`, source: n.id, sourcePort: p[0], target: to.id, targetPort: p[1] } };
    }
  }
}

async function simulate(seed: number): Promise<{ peers: SimulatedPeer[]; applied: number }> {
  const r = prng(seed);
  const net = new SeededNetwork(r);
  const file = startingCanvas(r);
  const count = 2 + (seed % 4);
  const peers = Array.from({ length: count }, (_, i) => new SimulatedPeer(file, net, 1000 + i));
  peers.forEach((p) => p.join());
  await settle();
  let applied = 0;
  let pages = 0;
  const away = new Set<SimulatedPeer>();
  for (let s = 0; s < STEPS; s++) {
    const roll = r();
    if (roll < 0.04) {
      // A canvas closes (its page and Y.Doc are gone) and opens again, out of the session, or rejoins.
      const p = pick(r, peers)!;
      if (away.delete(p)) p.join();
      else {
        await settle();
        p.reopen(2000 + pages++);
        away.add(p);
      }
    } else if (roll < 0.45) {
      const k = int(r, count);
      const op = gesture(r, peers[k]!.session.doc.toJSON(), k, s);
      if (op && peers[k]!.session.dispatch(op).ok) applied++;
    } else if (roll < 0.8) {
      for (let d = int(r, 4); d >= 0; d--) net.step();
    } else if (roll < 0.85) {
      net.drop();
    } else if (roll < 0.9) {
      net.resync();
    } else if (roll < 0.95) {
      await settle();
    } else {
      // The host re-reads its text (a save) and sends it back: nothing may change or echo.
      await settle();
      pick(r, peers)!.sendText();
    }
  }
  for (const p of away) p.join();
  // Heal: deliver everything until no peer has anything more to say (repairs make updates too).
  do {
    net.flush();
    await settle();
  } while (net.inFlight > 0);
  return { peers, applied };
}

describe('collaboration, seeded simulations (2–5 simulated peers, random delivery)', () => {
  for (const seed of SEEDS) {
    it(`seed ${seed}: ${2 + (seed % 4)} peers converge on one valid canonical text`, async () => {
      const { peers, applied } = await simulate(seed);
      try {
        assert.ok(applied > 5, `the run made edits (${applied})`);
        const texts = peers.map((p) => p.text);
        for (const [i, t] of texts.entries()) {
          const parsed = parseDocument(t);
          assert.ok(parsed.ok, `peer ${i}'s text does not parse: ${parsed.ok ? '' : JSON.stringify(parsed.issues)}`);
          assert.ok(validateDocument(parsed.doc).ok, `peer ${i}'s text is not a valid canvas`);
          assert.equal(t, texts[0], `peer ${i}'s text differs from peer 0's`);
          assert.equal(serializeDocument(peers[i]!.session.doc.toJSON()), t, `peer ${i}'s canvas shows what its text holds`);
        }
        const vectors = peers.map((p) => Buffer.from(Y.encodeStateVector(p.session.doc.ydoc)).toString('hex'));
        assert.equal(new Set(vectors).size, 1, 'every Y.Doc has every update');
      } catch (e) {
        (e as Error).message = `[replay with seed ${seed}] ${(e as Error).message}`;
        throw e;
      } finally {
        peers.forEach((p) => p.session.dispose());
      }
    });
  }
});
