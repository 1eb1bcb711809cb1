import path from 'node:path';
import { startSwarm, type Peer, type Swarm } from '../../test/browser/collab/harness';
import { gestureToRender, startCanvasSwarm } from './canvasLatency';
import { latencies, percentile, type Stamp } from './probes';
import type { RawPageApi } from './yWebrtcPage';

/**
 * bench:collab's latency rows: an edit in A until it shows at every other peer, p50/p95, at 10 and
 * 100 edits per second, 2 and 3 peers, for raw y-webrtc (its Y.Doc has the edit), our provider (its
 * Y.Doc has it) and our canvas (the card has moved on screen: op → Y.Doc → provider → Y.Doc →
 * mirror → React → DOM). All through one `bmad signal`, with a room password.
 */

interface ProbeApi {
  sendProbes(count: number, perSecond: number): Promise<Stamp[]>;
  probeArrivals(value: number): Promise<{ seen: Stamp[]; drawn: Stamp[] }>;
}

const PASSWORD = 'bench-password';
const CANVAS_NODES = 50;
const count = (rate: number) => (rate >= 100 ? 300 : 50);
let seq = 0;
const ATTEMPTS = 3;
const CONNECT_MS = 20_000;

/** `joined`: awaited after each page joins, before the next one does (see RawPageApi.announced). */
async function yLevel<Api extends ProbeApi>(swarm: Swarm<Api>, n: number, rate: number, connected: (p: Peer<Api>) => Promise<unknown>,
  joined: (p: Peer<Api>) => Promise<unknown> = async () => undefined): Promise<{ seen: number[]; drawn: number[] }> {
  const peers = await connectedPeers(swarm, n, connected, joined);
  const [a, ...others] = peers as [Peer<Api>, ...Peer<Api>[]];
  const k = count(rate);
  const arrivals = others.map((p) => p.run((api, last) => api.probeArrivals(last), k - 1));
  const sent = await a.run((api, x) => api.sendProbes(x[0], x[1]), [k, rate] as const);
  const all = await Promise.all(arrivals);
  await Promise.all(peers.map((p) => p.page.context().close()));
  return { seen: all.flatMap((a) => latencies(sent, a.seen)), drawn: all.flatMap((a) => latencies(sent, a.drawn)) };
}

/**
 * `n` pages in a new room, all connected. Setting up the connections is not what is measured, and raw
 * y-webrtc now and then never connects a pair (measured here: no connection in a minute): such a room
 * is given up, said so, and a new one tried, at most ATTEMPTS times.
 */
async function connectedPeers<Api>(swarm: Swarm<Api>, n: number, connected: (p: Peer<Api>) => Promise<unknown>,
  joined: (p: Peer<Api>) => Promise<unknown>): Promise<Peer<Api>[]> {
  for (let attempt = 1; ; attempt++) {
    const room = `latency-${process.pid}-${++seq}`;
    const peers = await Promise.all(Array.from({ length: n }, () => swarm.peer()));
    try {
      for (const p of peers) {
        await p.join(room, { password: PASSWORD });
        await joined(p);
      }
      await Promise.all(peers.map(connected));
      return peers;
    } catch (e) {
      await Promise.all(peers.map((p) => p.page.context().close()));
      if (attempt === ATTEMPTS) throw e;
      console.error(`latency: ${n} pages did not connect (${(e as Error).message.split('\n')[0]}); a new room`);
    }
  }
}

/** What each row measures, printed above them. */
const LEGEND: [string, string][] = [
  ['  each: from A\'s edit (probe write, or keydown dispatched) to the moment a peer shows it; stamps are', ''],
  ['  performance.timeOrigin + now() in each page, all pages in one Chromium on this machine', ''],
  ['  raw y-webrtc / ours, Y.Doc has it: a Y.Map write in A → the peer\'s Y.Doc observer (no canvas)', ''],
  ['  rendered on the other canvases: ArrowRight on a selected card in A (one op) → the peer\'s card', ''],
  ['    transform changed in its DOM (MutationObserver)', ''],
  ['  drawn: until the layout of the first frame that has it (its paint follows; frameStamps.ts), what a', ''],
  ['    person sees. Raw y-webrtc drawn: the peer moves one element to the value as it arrives, the least', ''],
  ['    a page can do to show it: the frame it waits for (up to 16.7 ms at 60 Hz) is in both', ''],
  ['  of which A\'s own canvas: the same keydown → A\'s card moved in A\'s DOM', ''],
];

const fmt = (xs: number[]) => `${percentile(xs, 50).toFixed(1)} / ${percentile(xs, 95).toFixed(1)} ms`;

export async function latencyRows(signalUrl: string): Promise<[string, string][]> {
  const oursSwarm = await startSwarm(() => signalUrl);
  const rawSwarm = await startSwarm<RawPageApi & ProbeApi>(() => signalUrl, { entry: path.join(__dirname, 'yWebrtcPage.ts'), global: '__raw' });
  const canvas = await startCanvasSwarm(signalUrl);
  const rows: [string, string][] = [...LEGEND];
  try {
    for (const n of [2, 3]) {
      for (const rate of [10, 100]) {
        console.error(`latency: ${n} peers, ${rate} edits/s…`);
        const raw = await yLevel(rawSwarm, n, rate,
          (p) => p.page.waitForFunction((k) => (window as unknown as { __raw: RawPageApi }).__raw.peers() >= k, n - 1, { polling: 20, timeout: CONNECT_MS }),
          (p) => p.page.waitForFunction(() => (window as unknown as { __raw: RawPageApi }).__raw.announced(), null, { polling: 20, timeout: CONNECT_MS }));
        const ours = await yLevel(oursSwarm, n, rate, (p) => p.run((api, k) => api.whenPeers(k), n - 1));
        const pages = await canvas.room(n, CANVAS_NODES);
        const { sent, arrived, framed, own } = await gestureToRender(pages, count(rate), rate);
        const renderMs = arrived.flatMap((a) => latencies(sent, a));
        const drawnMs = framed.flatMap((a) => latencies(sent, a));
        await Promise.all(pages.map((p) => p.context().close()));
        const label = `${n} peers, ${rate} edits/s, p50 / p95`;
        const times = (xs: number[], base: number[]) => `${fmt(xs)}  (p95 ×${(percentile(xs, 95) / percentile(base, 95)).toFixed(2)} raw)`;
        rows.push([`  raw y-webrtc, Y.Doc has it (${label})`, fmt(raw.seen)]);
        rows.push([`  ours, Y.Doc has it (${label})`, times(ours.seen, raw.seen)]);
        rows.push([`  ours, gesture in A → rendered on the other canvases (${label})`, `${times(renderMs, raw.seen)}; ${renderMs.length} samples`]);
        rows.push([`  raw y-webrtc, drawn (${label})`, fmt(raw.drawn)]);
        rows.push([`  ours, gesture in A → drawn on the other canvases (${label})`, times(drawnMs, raw.drawn)]);
        rows.push([`    of which A's own canvas showing it (${label})`, fmt(latencies(sent, own))]);
      }
    }
  } finally {
    await Promise.all([oursSwarm.close(), rawSwarm.close(), canvas.close()]);
  }
  return rows;
}
