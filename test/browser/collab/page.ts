import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { probes } from '../../../bench/collab/probes';
import { connect, type CollabProvider, type ProblemKind } from '../../../webview/collab/connect';

/**
 * The test page: one peer with a canvas-shaped Y.Doc (`nodes`: a Y.Map of Y.Maps, as the webview's
 * canvasDoc keeps them) and a Y.Text, driven from the test through `window.__collab`. Every wait here
 * resolves on an event (a doc update, a provider event), never on a timer.
 */

export type StateVector = Record<string, number>;

// `let`: a fresh join whose canvas the room does not know takes the room's in a new Y.Doc (seedGate.ts).
let doc = new Y.Doc();
const awareness = new Awareness(doc);
let nodes = doc.getMap<Y.Map<unknown>>('nodes');
let notes = doc.getText('notes');
let provider: CollabProvider | undefined;
let tookTheirs = false;
const problems: { kind: ProblemKind; message: string }[] = [];
const updateSizes: number[] = [];
const countOwn = (u: Uint8Array, origin: unknown) => {
  if (origin !== provider) updateSizes.push(u.length);
};
doc.on('update', countOwn);

/** What CanvasDoc.restart does for the canvas: an empty Y.Doc for the room's state. */
function takeTheirs(): Y.Doc {
  doc.off('update', countOwn);
  doc = new Y.Doc();
  nodes = doc.getMap<Y.Map<unknown>>('nodes');
  notes = doc.getText('notes');
  doc.on('update', countOwn);
  tookTheirs = true;
  return doc;
}

/** Resolves when `ready()` holds, checking now and after each of the emitter's events. */
function when(ready: () => boolean, subscribe: (check: () => void) => () => void): Promise<void> {
  return new Promise((resolve) => {
    if (ready()) return resolve();
    const off = subscribe(() => {
      if (!ready()) return;
      off();
      resolve();
    });
  });
}

const onDocUpdate = (check: () => void) => {
  doc.on('update', check);
  return () => doc.off('update', check);
};

function stateVector(): StateVector {
  return Object.fromEntries([...Y.decodeStateVector(Y.encodeStateVector(doc))].map(([c, n]) => [String(c), n]));
}

/** JSON with sorted keys: two peers' maps may list their keys in different orders. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

function node(id: string, i: number, promptBytes: number): Y.Map<unknown> {
  const params = new Y.Map<unknown>();
  params.set('prompt', `shot ${i}: `.padEnd(promptBytes, 'a wide establishing view of the harbour at dawn, '));
  params.set('seed', i);
  const m = new Y.Map<unknown>();
  m.set('kind', 'image');
  m.set('label', `Shot ${i}`);
  m.set('position', { x: (i % 100) * 320, y: Math.floor(i / 100) * 240 });
  m.set('params', params);
  return m;
}

const probe = probes(doc);

const api = {
  clientId: () => doc.clientID,
  /** bench:collab's latency probes (bench/collab/probes.ts). */
  sendProbes: (count: number, perSecond: number) => probe.send(count, perSecond),
  probeArrivals: (value: number) => probe.arrivals(value),
  /** `fresh`: the client id this page's canvas was seeded under (`seed`), for a fresh join. */
  join(o: { room: string; password?: string; urls: string[]; fresh?: number }) {
    const fresh = o.fresh === undefined ? undefined : { seed: o.fresh, takeTheirs };
    provider = connect({ doc, awareness, room: o.room, password: o.password, signallingUrls: o.urls, fresh });
    provider.on('problem', (p) => problems.push(p));
    return provider.ready;
  },
  /**
   * From now on, this page's data channels dispatch their 'open' event `ms` late, after the peer's first
   * messages: the order Chromium itself sometimes gives under CPU load (peerLink.ts).
   */
  openEventsLate(ms: number) {
    const native = Object.getOwnPropertyDescriptor(RTCDataChannel.prototype, 'onopen')!;
    Object.defineProperty(RTCDataChannel.prototype, 'onopen', {
      ...native,
      set(this: RTCDataChannel, fn: ((e: Event) => void) | null) {
        native.set!.call(this, fn && ((e: Event) => void setTimeout(() => fn.call(this, e), ms)));
      },
    });
  },
  leave() {
    provider?.destroy();
    provider = undefined;
  },
  /** Resolves once `n` peers are connected and each has delivered its whole state. */
  whenPeers(n: number): Promise<void> {
    const p = provider!;
    const ready = () => p.peers.filter((x) => x.open && x.synced).length >= n;
    return when(ready, (check) => {
      p.on('peers', check);
      p.on('synced', check);
      return () => (p.off('peers', check), p.off('synced', check));
    });
  },
  peerCount: () => provider?.peers.filter((p) => p.open).length ?? 0,
  /** Resolves once exactly `n` peers are connected (e.g. 0 after the others left). */
  whenPeerCount(n: number): Promise<void> {
    const p = provider!;
    return when(() => api.peerCount() === n, (check) => (p.on('peers', check), () => p.off('peers', check)));
  },
  whenProblem(kind: ProblemKind): Promise<string> {
    const found = () => problems.find((p) => p.kind === kind);
    const p = provider!;
    return when(() => !!found(), (check) => (p.on('problem', check), () => p.off('problem', check))).then(() => found()!.message);
  },
  problems: () => problems.slice(),
  setField(id: string, field: string, value: unknown) {
    doc.transact(() => {
      let m = nodes.get(id);
      if (!m) nodes.set(id, (m = new Y.Map()));
      m.set(field, value);
    });
  },
  /** `count` nodes written under client id `seed`, as a canvas is seeded from its file (seedClient.ts). */
  seed(seed: number, count: number, label: string) {
    const own = doc.clientID;
    doc.clientID = seed;
    doc.transact(() => {
      for (let i = 0; i < count; i++) nodes.set(`n${i}`, node(`n${i}`, i, 40)), nodes.get(`n${i}`)!.set('label', `${label} ${i}`);
    });
    doc.clientID = own;
  },
  field: (id: string, f: string) => nodes.get(id)?.get(f),
  /**
   * As the canvas repairs a merge (canvasCollab.ts): when a peer's update sets node `id`'s `field`,
   * this page deletes it in a transaction of its own, made inside the cleanup of the peer's.
   */
  /** Resolves once node `id` has no `field` (a peer's deletion has arrived). */
  whenFieldGone(id: string, field: string): Promise<void> {
    return when(() => nodes.get(id)?.has(field) === false, onDocUpdate);
  },
  repairs(id: string, field: string) {
    doc.on('afterTransaction', (tr) => {
      const m = nodes.get(id);
      if (!tr.local && m?.has(field)) doc.transact(() => m.delete(field), 'repair');
    });
  },
  tookTheirs: () => tookTheirs,
  addNodes(count: number, prefix: string, promptBytes: number) {
    doc.transact(() => {
      for (let i = 0; i < count; i++) nodes.set(`${prefix}${i}`, node(`${prefix}${i}`, i, promptBytes));
    });
  },
  insertText(bytes: number) {
    notes.insert(notes.length, 'x'.repeat(bytes));
  },
  /** Sizes of the updates this page made (not those it received). */
  lastUpdateBytes: () => updateSizes.at(-1) ?? 0,
  docBytes: () => Y.encodeStateAsUpdate(doc).length,
  /** Milliseconds to encode this doc and apply it to an empty one, with no network: the floor of a sync. */
  localSyncMs(): number {
    const t0 = performance.now();
    Y.applyUpdate(new Y.Doc(), Y.encodeStateAsUpdate(doc));
    return performance.now() - t0;
  },
  nodeCount: () => nodes.size,
  textLength: () => notes.length,
  stateVector,
  whenCovers(target: StateVector): Promise<void> {
    const covered = () => {
      const have = stateVector();
      return Object.entries(target).every(([c, n]) => (have[c] ?? 0) >= n);
    };
    return when(covered, onDocUpdate);
  },
  async digest(): Promise<string> {
    const text = canonical({ nodes: nodes.toJSON(), notes: notes.toString() });
    const hash = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
    return [...new Uint8Array(hash)].map((b) => b.toString(16).padStart(2, '0')).join('');
  },
  connectWithoutSignalling() {
    try {
      connect({ doc, awareness, room: 'r', signallingUrls: [] }).destroy();
      return 'connected';
    } catch (e) {
      return (e as Error).message;
    }
  },
};

export type CollabPageApi = typeof api;
(window as unknown as { __collab: CollabPageApi }).__collab = api;
