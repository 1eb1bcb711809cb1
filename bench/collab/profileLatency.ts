import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { startSignalServer } from '../../runner/signal/server';
import { gestureToRender, startCanvasSwarm } from './canvasLatency';
import { breakdown, moduleGroups, type Profile } from './profileBreakdown';
import { latencies, percentile, type Stamp } from './probes';

/**
 * Diagnostic, not a bench: Chromium CPU profiles of both canvases while A nudges a card (2 peers,
 * 100 edits/s, as bench:collab's latency rows), and each page's functions by self time.
 *   [CALLERS=fn1,fn2] npx tsx bench/collab/profileLatency.ts [peers] [edits/s] [count]
 * CALLERS: also where those functions' self time is called from. SAVE=prefix: each page's profile
 * as prefix-<page>.cpuprofile (for Chromium's DevTools).
 */

const [peers = 2, rate = 100, count = 300] = process.argv.slice(2).map(Number);

/** A long animation frame (> 50 ms) as the page's observer saw it, wall clock like the stamps. */
interface Loaf { start: number; end: number; scripts: string[] }

/** Starts collecting `page`'s long animation frames, with their scripts' invokers. */
const watchFrames = (page: Page) => page.evaluate(() => {
  const out: Loaf[] = [];
  (window as unknown as { __loaf: Loaf[] }).__loaf = out;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries() as (PerformanceEntry & { scripts: { invoker: string; duration: number }[] })[]) {
      const start = performance.timeOrigin + e.startTime;
      out.push({ start, end: start + e.duration, scripts: e.scripts.map((x) => `${x.invoker} ${x.duration.toFixed(0)}ms`) });
    }
  }).observe({ type: 'long-animation-frame' });
});

/** Of the edits slower than p90 at a peer: how many overlap a long frame of A's, of the peer's, of neither. */
function slowEdits(sent: readonly Stamp[], arrived: readonly Stamp[], loafA: readonly Loaf[], loafB: readonly Loaf[]): string {
  const ms = latencies(sent, arrived);
  const p90 = percentile(ms, 90);
  const overlaps = (frames: readonly Loaf[], from: number, to: number) => frames.some((f) => f.start < to && f.end > from);
  let a = 0;
  let b = 0;
  let none = 0;
  let slow = 0;
  ms.forEach((d, i) => {
    if (d < p90) return;
    slow++;
    const from = sent[i]![1];
    const inA = overlaps(loafA, from, from + d);
    const inB = overlaps(loafB, from, from + d);
    if (inA) a++;
    if (inB) b++;
    if (!inA && !inB) none++;
  });
  return `${slow} edits ≥ p90 (${p90.toFixed(1)} ms): ${a} overlap a long frame (> 50 ms) of A's, ${b} of this peer's, ${none} neither`;
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
    await Promise.all(pages.map(watchFrames));
    const { sent, arrived, own } = await gestureToRender(pages, count, rate);
    const profiles = await Promise.all(cdps.map(async (c) => (await c.send('Profiler.stop')).profile as unknown as Profile));
    const render = arrived.flatMap((a) => latencies(sent, a));
    const ownMs = latencies(sent, own);
    console.log(`${peers} peers, ${rate} edits/s, ${count} edits (a CPU profiler runs in every page: slower than the bench)`);
    console.log(`  rendered on the other canvases p50/p95 ${percentile(render, 50).toFixed(1)} / ${percentile(render, 95).toFixed(1)} ms`);
    console.log(`  A's own canvas p50/p95 ${percentile(ownMs, 50).toFixed(1)} / ${percentile(ownMs, 95).toFixed(1)} ms`);
    const who = (i: number) => (i === 0 ? 'A (makes the gestures)' : `peer ${i}`);
    if (process.env.SAVE) profiles.forEach((p, i) => fs.writeFileSync(`${process.env.SAVE}-${i}.cpuprofile`, JSON.stringify(p)));
    const loafs = await Promise.all(pages.map((p) => p.evaluate(() => (window as unknown as { __loaf: Loaf[] }).__loaf)));
    const bundleUrl = new URL('webview.js', pages[0]!.url()).href;
    const groupOf = moduleGroups(await (await fetch(bundleUrl)).text());
    profiles.forEach((p, i) => {
      console.log(`\n${who(i)}:\n  ${breakdown(p, bundleUrl, groupOf, count).join('\n  ')}`);
      console.log(`  long animation frames: ${loafs[i]!.length}; ${loafs[i]!.slice(0, 6).map((f) => `${(f.end - f.start).toFixed(0)} ms [${f.scripts.join(', ')}]`).join('; ')}`);
      if (i > 0) console.log(`  ${slowEdits(sent, arrived[i - 1]!, loafs[0]!, loafs[i]!)}`);
      console.log(`  top functions by self time:\n  ${top(p, 20).join('\n  ')}`);
    });
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
