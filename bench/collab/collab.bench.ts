import { startSignalServer } from '../../runner/signal/server';
import { converge, startSwarm, type Peer } from '../../test/browser/collab/harness';
import { lateJoinRuns, type Joiner } from './lateJoin';
import { latencyRows } from './latencyRuns';

/**
 * `npm run bench:collab`: our WebRTC provider between Chromium pages (separate browser contexts) on
 * this machine, through a real signalling server: connect time, a late joiner of a 5,000-node canvas,
 * and a 5 MB update (wall-clock from this process, median of RUNS); then the latency of one edit
 * against raw y-webrtc (latencyRuns.ts); a late joiner's canvas drawn, with its own copy of the file and
 * with an empty page (lateJoin.ts). BENCH_COLLAB=latency
 * or BENCH_COLLAB=latejoin runs only that part.
 */

const RUNS = 3;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (t0: number): number => performance.now() - t0;

/** Every run's figures (the machine is shared: the spread matters), then the median's breakdown. */
async function lateJoinRows(signalUrl: string): Promise<[string, string][]> {
  const rows: [string, string][] = [];
  const label: Record<Joiner, string> = {
    'same file': "late joiner WITH THE SAME 5,000-node file open (the room made 50 moves + 5 param edits first), join → the room's edits painted (password)",
    empty: 'late joiner with an EMPTY page, 5,000-node room, join → its viewport painted (password)',
  };
  for (const joiner of ['same file', 'empty'] as const) {
    const runs = await lateJoinRuns(signalUrl, RUNS, joiner);
    const mid = [...runs].sort((a, b) => a.total - b.total)[Math.floor(runs.length / 2)]!;
    rows.push([label[joiner], `${mid.total.toFixed(0)} ms (runs: ${runs.map((r) => r.total.toFixed(0)).join(', ')} ms)`]);
    rows.push(...mid.parts.map(([k, v]): [string, string] => [`  ${k}`, `${v.toFixed(0)} ms`]));
  }
  return rows;
}

async function main(): Promise<void> {
  const server = await startSignalServer({ host: '127.0.0.1', port: 0 });
  const swarm = await startSwarm(() => server.url);
  let seq = 0;
  const pair = async (): Promise<{ a: Peer; b: Peer; room: string }> => {
    const room = `bench-${process.pid}-${++seq}`;
    return { a: await swarm.peer(), b: await swarm.peer(), room };
  };
  const rows: [string, string][] = [];
  const only = process.env.BENCH_COLLAB;
  try {
    for (const password of only ? [] : [undefined, 'secret']) {
      const label = password ? 'with password' : 'no password';
      const connect: number[] = [];
      const late: number[] = [];
      const big: number[] = [];
      const local: number[] = [];
      let docBytes = 0;
      for (let i = 0; i < RUNS; i++) {
        const { a, b, room } = await pair();
        await a.join(room, { password });
        let t0 = performance.now();
        await b.join(room, { password });
        await b.run((api) => api.whenPeers(1), null);
        connect.push(ms(t0));
        await b.run((api) => api.leave(), null);
        await a.run((api) => api.whenPeerCount(0), null);

        await a.run((api) => api.addNodes(5000, 'shot', 300), null);
        docBytes = await a.run((api) => api.docBytes(), null);
        local.push(await a.run((api) => api.localSyncMs(), null));
        const whole = await a.run((api) => api.stateVector(), null);
        t0 = performance.now();
        await b.join(room, { password });
        await b.run((api, t) => api.whenCovers(t), whole);
        late.push(ms(t0));
        const [da, db] = await converge([a, b]);
        if (da !== db) throw new Error('the late joiner\'s document differs');

        const target = await a.run((api) => (api.insertText(5 * 1024 * 1024), api.stateVector()), null);
        t0 = performance.now();
        await b.run((api, t) => api.whenCovers(t), target);
        big.push(ms(t0));
        await Promise.all([a.page.context().close(), b.page.context().close()]);
      }
      rows.push([`connect (2 peers, ${label})`, `${median(connect).toFixed(0)} ms`]);
      rows.push([`late joiner, 5,000 nodes = ${(docBytes / 1e6).toFixed(1)} MB (${label})`,
        `${median(late).toFixed(0)} ms (Yjs encode+apply alone: ${median(local).toFixed(0)} ms, ×${(median(late) / median(local)).toFixed(1)})`]);
      rows.push([`one 5 MB update A→B (${label})`, `${median(big).toFixed(0)} ms = ${(5 * 1024 * 1024 / 1e6 / (median(big) / 1000)).toFixed(1)} MB/s`]);
    }
    if (!only || only === 'latejoin') rows.push(...(await lateJoinRows(server.url)));
    if (!only || only === 'latency') rows.push(['latency of one edit (wall clock in each page)', ''], ...(await latencyRows(server.url)));
  } finally {
    await swarm.close();
    await server.close();
  }
  const width = Math.max(...rows.map((r) => r[0].length));
  console.log(`collab (our provider, Chromium ↔ Chromium on loopback, median of ${RUNS})`);
  for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
}

void main().then(() => process.exit(0), (e: unknown) => {
  console.error(e);
  process.exit(1);
});
