import type { Page } from 'playwright-core';
import { startSignalServer } from '../../runner/signal/server';
import { gestureToRender, startCanvasSwarm } from './canvasLatency';
import { latencies, percentile } from './probes';

/**
 * Diagnostic, not a bench: Chromium CPU profiles of both canvases while A nudges a card (2 peers,
 * 100 edits/s, as bench:collab's latency rows), and each page's functions by self time.
 *   [CALLERS=fn1,fn2] npx tsx bench/collab/profileLatency.ts [peers] [edits/s] [count]
 * CALLERS: also where those functions' self time is called from.
 */

const [peers = 2, rate = 100, count = 300] = process.argv.slice(2).map(Number);

interface Profile {
  nodes: { id: number; children?: number[]; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

/** Where the self time of function `name` is spent from: its callers, 4 deep, heaviest first. */
function callers(profile: Profile, name: string): string[] {
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const paths = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    if (byId.get(id)!.callFrame.functionName !== name) return;
    const chain: string[] = [];
    for (let p = parent.get(id); p !== undefined && chain.length < 4; p = parent.get(p)) {
      const f = byId.get(p)!.callFrame;
      chain.push(`${f.functionName || '(anonymous)'}:${f.lineNumber}`);
    }
    const k = chain.join(' < ');
    paths.set(k, (paths.get(k) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000);
  });
  return [...paths].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([k, v]) => `    ${v.toFixed(1).padStart(8)} ms  < ${k}`);
}

function top(profile: Profile, rows: number): string[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const f = byId.get(id)!.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url ? `${f.url.split('/').pop()}:${f.lineNumber}` : ''}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000);
  });
  const busy = [...self].filter(([k]) => !k.startsWith('(idle)') && !k.startsWith('(program)')).reduce((a, [, v]) => a + v, 0);
  return [`busy ${busy.toFixed(0)} ms (idle and (program) left out)`,
    ...[...self].sort((a, b) => b[1] - a[1]).slice(0, rows).map(([k, v]) => `${v.toFixed(1).padStart(8)} ms  ${k}`)];
}

async function main(): Promise<void> {
  const server = await startSignalServer({ host: '127.0.0.1', port: 0 });
  const swarm = await startCanvasSwarm(server.url, { minify: false });
  try {
    const pages = await swarm.room(peers, 50);
    const cdps = await Promise.all(pages.map(async (p: Page) => {
      const cdp = await p.context().newCDPSession(p);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      await cdp.send('Profiler.start');
      return cdp;
    }));
    const { sent, arrived, own } = await gestureToRender(pages, count, rate);
    const profiles = await Promise.all(cdps.map(async (c) => (await c.send('Profiler.stop')).profile as unknown as Profile));
    const render = arrived.flatMap((a) => latencies(sent, a));
    const ownMs = latencies(sent, own);
    console.log(`${peers} peers, ${rate} edits/s, ${count} edits (a CPU profiler runs in every page: slower than the bench)`);
    console.log(`  rendered on the other canvases p50/p95 ${percentile(render, 50).toFixed(1)} / ${percentile(render, 95).toFixed(1)} ms`);
    console.log(`  A's own canvas p50/p95 ${percentile(ownMs, 50).toFixed(1)} / ${percentile(ownMs, 95).toFixed(1)} ms`);
    const who = (i: number) => (i === 0 ? 'A (makes the gestures)' : `peer ${i}`);
    profiles.forEach((p, i) => console.log(`\n${who(i)}:\n  ${top(p, 30).join('\n  ')}`));
    for (const name of (process.env.CALLERS ?? '').split(',').filter(Boolean)) {
      profiles.forEach((p, i) => console.log(`\n${who(i)}, callers of ${name}:\n${callers(p, name).join('\n')}`));
    }
  } finally {
    await swarm.close();
    await server.close();
  }
}

void main().then(() => process.exit(0), (e: unknown) => {
  console.error(e);
  process.exit(1);
});
