// Diagnostic CPU profile of the canvas page (unminified production build), after the anchor's
// profile.mjs:  node bench/canvas/profile.mjs "n=5000&view=fit" [pan]
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildCanvasPage, CHROMIUM, CHROMIUM_FLAGS, repoRoot, serve } from './benchPage.mjs';

const qs = process.argv[2] || 'n=5000&view=fit';
const doPan = process.argv[3] === 'pan';
const dir = path.join(repoRoot, 'test-results/bench-canvas/prof');
await buildCanvasPage(dir, { production: true, minify: false });
const server = await serve({ '/ours/': dir });
const udd = fs.mkdtempSync(path.join(os.tmpdir(), 'bmad-prof-'));
const b = await chromium.launch({ executablePath: CHROMIUM, ignoreDefaultArgs: true, args: [...CHROMIUM_FLAGS, `--user-data-dir=${udd}`, '--remote-debugging-pipe', '--no-startup-window'] });
try {
  const page = await (await b.newContext({ viewport: { width: 1600, height: 1000 } })).newPage();
  page.on('pageerror', (e) => console.error('pageerror', String(e)));
  const url = `${server.url}/ours/index.html?`;
  const ready = () => window.__bmadCanvas?.ready.then((r) => (window.__r = r)) && window.__r;
  await page.goto(url + qs.replace(/n=\d+/, 'n=10'));
  await page.waitForFunction(ready, null, { polling: 50 });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Performance.enable');
  if (!doPan) await cdp.send('Profiler.start');
  const m0 = (await cdp.send('Performance.getMetrics')).metrics;
  await page.goto(url + qs);
  await page.waitForFunction(ready, null, { polling: 50, timeout: 120000 });
  let mp;
  let pan;
  if (doPan) {
    await page.waitForTimeout(500);
    mp = (await cdp.send('Performance.getMetrics')).metrics;
    await cdp.send('Profiler.start');
    pan = await page.evaluate(() => window.__pan(120, 10));
  }
  const m1 = (await cdp.send('Performance.getMetrics')).metrics;
  const { profile } = await cdp.send('Profiler.stop');
  const get = (m, k) => m.find((x) => x.name === k)?.value ?? 0;
  const r = await page.evaluate(() => window.__r);
  console.log(qs, doPan ? 'pan' : 'load', JSON.stringify(r), Object.fromEntries(['TaskDuration', 'ScriptDuration', 'RecalcStyleDuration', 'LayoutDuration'].map((k) => [k, +(1000 * (get(m1, k) - get(mp ?? m0, k))).toFixed(0)])));
  console.log('timeline', await page.evaluate(() => JSON.stringify({ shim: Math.round(window.__t_script), res: performance.getEntriesByType('resource').map((e) => [e.name.split('/').pop(), Math.round(e.startTime), Math.round(e.responseEnd)]), marks: performance.getEntriesByType('mark').map((m) => [m.name, Math.round(m.startTime)]), dcl: Math.round(performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd) })));
  if (pan) { const s = [...pan.deltas].sort((a, c) => a - c); console.log('pan p50', s[60], 'p95', s[114], 'work', pan.work.map((x) => x.toFixed(0)).join(' ')); }
  const self = new Map();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  profile.samples.forEach((id, i) => {
    const n = byId.get(id);
    const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url ? path.basename(n.callFrame.url) + ':' + n.callFrame.lineNumber : ''}`;
    self.set(k, (self.get(k) || 0) + (profile.timeDeltas[i + 1] || 0) / 1000);
  });
  const total = [...self.values()].reduce((a, c) => a + c, 0);
  console.log('profile total ms', total.toFixed(0));
  for (const [k, v] of [...self].sort((a, c) => c[1] - a[1]).slice(0, 25)) console.log(v.toFixed(0).padStart(6), k);
  fs.writeFileSync(path.join(dir, 'last.cpuprofile'), JSON.stringify(profile));
} finally {
  await b.close();
  await server.close();
  fs.rmSync(udd, { recursive: true, force: true });
}
