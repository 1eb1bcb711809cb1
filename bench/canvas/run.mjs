// Canvas benchmark: our webview (production bundle, real code, host shim) against the plain React Flow
// anchor, same N and views, same Chromium flags, in one run. Prints ratios; never asserts.
//   npm run bench:canvas [-- --runs 3] [--ns 100,1000,5000] [--configs fit,z1,z05,z04] [--skip-anchor]
// Configs: fit = fit view (anchor: fit, plain React Flow), z1 = zoom 1 (anchor: z1 +
// onlyRenderVisibleElements, its best), z05 = zoom 0.5, compact cards just above our overview
// threshold, z04 = zoom 0.4, the overview with its titles drawn (both ours only).
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { buildCanvasPage, CHROMIUM, CHROMIUM_FLAGS, repoRoot, serve } from './benchPage.mjs';
import { foreignCpu, snapshot, waitQuiet } from './cpuQuiet.mjs';

const arg = (k, d) => { const i = process.argv.indexOf('--' + k); return i > 0 ? process.argv[i + 1] : d; };
const RUNS = Number(arg('runs', 1));
const NS = arg('ns', '100,1000,5000').split(',').map(Number);
const CONFIGS = arg('configs', 'fit,z1,z05,z04').split(',');
const SKIP_ANCHOR = process.argv.includes('--skip-anchor');
// The shared folder sits beside the repository (ARCHITECTURE.md: `../shared`).
const ANCHOR_SRC = path.resolve(repoRoot, '../shared/anchors/react-flow-baseline');
const ANCHOR_CFG = { fit: 'fit=1&orve=0&mm=1', z1: 'fit=0&orve=1&mm=1' };
const OUT = path.join(repoRoot, 'test-results/bench-canvas');

async function withPage(fn) {
  const udd = fs.mkdtempSync(path.join(os.tmpdir(), 'bmad-bench-udd-'));
  const browser = await chromium.launch({ executablePath: CHROMIUM, ignoreDefaultArgs: true,
    args: [...CHROMIUM_FLAGS, `--user-data-dir=${udd}`, '--remote-debugging-pipe', '--no-startup-window'] });
  try {
    const page = await (await browser.newContext({ viewport: { width: 1600, height: 1000 } })).newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    const r = await fn(page);
    if (errors.length) console.error('  page errors:', errors.slice(0, 5));
    return r;
  } finally {
    await browser.close();
    fs.rmSync(udd, { recursive: true, force: true });
  }
}

const pct = (a, p) => { const s = [...a].sort((x, y) => x - y); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };

async function measure(page, url, readyExpr) {
  await page.goto(url.replace(/n=\d+/, 'n=10'));       // warm-up navigation, like the anchor
  await page.waitForFunction(readyExpr, null, { polling: 50, timeout: 60000 });
  const s0 = snapshot();
  await page.goto(url, { timeout: 120000 });
  await page.waitForFunction(readyExpr, null, { polling: 50, timeout: 120000 });
  return s0;
}

async function runOurs(base, n, cfg) {
  const quiet = await waitQuiet();
  return withPage(async (page) => {
    const s0 = await measure(page, `${base}/ours/index.html?n=${n}&view=${cfg}`, () => window.__bmadReady);
    const t = await page.evaluate(() => window.__bmadReady);
    await page.waitForTimeout(500);
    const pan = await page.evaluate(() => window.__pan(120, 10));
    return { ...t, ...panStats(pan), quiet, foreign: foreignCpu(s0, snapshot()) };
  });
}

async function runAnchor(base, n, cfg) {
  const quiet = await waitQuiet();
  return withPage(async (page) => {
    const s0 = await measure(page, `${base}/anchor/index.html?n=${n}&${ANCHOR_CFG[cfg]}`, () => window.__ready);
    const t = await page.evaluate(() => ({ readyRaf: window.__t_ready_raf, ...window.__ready }));
    await page.waitForTimeout(500);
    const pan = await page.evaluate(() => window.__pan(120, 10));
    return { ...t, ...panStats(pan), quiet, foreign: foreignCpu(s0, snapshot()) };
  });
}

const panStats = (pan) => ({ panP50: pct(pan.deltas, 0.5), panP95: pct(pan.deltas, 0.95), workP95: pct(pan.work, 0.95), domAfter: pan.domNodesAfter });

function buildAnchor() {
  if (!fs.existsSync(path.join(ANCHOR_SRC, 'build.sh'))) {
    throw new Error(`the React Flow anchor is not at ${ANCHOR_SRC} (../shared next to the repository); run with --skip-anchor to measure ours only`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rf-anchor-'));
  fs.cpSync(ANCHOR_SRC, dir, { recursive: true });
  for (const f of fs.readdirSync(dir, { recursive: true })) fs.chmodSync(path.join(dir, f), 0o755);
  fs.chmodSync(dir, 0o755);
  // Reuse the repo's packages (same versions as the anchor's package.json) instead of installing.
  fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'));
  execFileSync('sh', ['build.sh'], { cwd: dir, stdio: 'inherit' });
  return dir;
}

// The ready flag the page sets once __bmadCanvas.ready resolves (a promise cannot be polled).
const READY_PATCH = `<script nonce="__NONCE__">addEventListener('load',()=>window.__bmadCanvas.ready.then(r=>{window.__bmadReady=r}))</script>`;

const oursDir = path.join(OUT, 'ours');
const bundle = await buildCanvasPage(oursDir);
fs.writeFileSync(path.join(oursDir, 'index.html'), fs.readFileSync(path.join(oursDir, 'index.html'), 'utf8').replace('</body>', READY_PATCH + '\n</body>'));
const gz = (f) => zlib.gzipSync(fs.readFileSync(path.join(oursDir, f)), { level: 9 }).length;
const anchorDir = SKIP_ANCHOR ? undefined : buildAnchor();
const server = await serve({ '/ours/': oursDir, ...(anchorDir && { '/anchor/': path.join(anchorDir, 'dist') }) });

const rows = [];
try {
  for (const n of NS) for (const cfg of CONFIGS) {
    const ours = [], anchor = [];
    for (let r = 0; r < RUNS; r++) {
      ours.push(await runOurs(server.url, n, cfg));
      const o = ours.at(-1);
      console.log(`ours   N=${n} ${cfg}: ready+rAF=${o.readyRaf.toFixed(0)} zoom=${o.zoom.toFixed(3)} overview=${o.overview} dom=${o.domNodes}/${o.domEdges} pan p50=${o.panP50.toFixed(1)} p95=${o.panP95.toFixed(1)} work p95=${o.workP95.toFixed(1)} foreignCPU=${o.foreign.toFixed(2)}`);
      if (anchorDir && ANCHOR_CFG[cfg]) {
        anchor.push(await runAnchor(server.url, n, cfg));
        const a = anchor.at(-1);
        console.log(`anchor N=${n} ${cfg}: ready+rAF=${a.readyRaf.toFixed(0)} zoom=${a.zoom.toFixed(3)} dom=${a.domNodes}/${a.domEdges} pan p50=${a.panP50.toFixed(1)} p95=${a.panP95.toFixed(1)} work p95=${a.workP95.toFixed(1)} foreignCPU=${a.foreign.toFixed(2)}`);
      }
    }
    const med = (xs, k) => (xs.length ? pct(xs.map((x) => x[k]), 0.5) : undefined);
    rows.push({ n, cfg, ours: Object.fromEntries(['readyRaf', 'panP50', 'panP95', 'workP95', 'zoom', 'domNodes', 'foreign'].map((k) => [k, med(ours, k)])),
      anchor: anchor.length ? Object.fromEntries(['readyRaf', 'panP50', 'panP95', 'workP95', 'foreign'].map((k) => [k, med(anchor, k)])) : undefined });
  }
} finally {
  await server.close();
  if (anchorDir) fs.rmSync(anchorDir, { recursive: true, force: true });
}

const f0 = (v) => (v === undefined ? '—' : v.toFixed(0));
const f1 = (v) => (v === undefined ? '—' : v.toFixed(1));
const ratio = (a, b) => (a === undefined || b === undefined ? '—' : (a / b).toFixed(2));
console.log(`\nmedian of ${RUNS} run(s); ms from navigation start; pan = 120 frames, 10 px/frame, rAF deltas; Chromium flags as the anchor`);
console.log('| N | view | zoom | DOM nodes | first render ours / anchor (ratio) | pan p50 ours / anchor | pan p95 ours / anchor (ratio) | work p95 ours / anchor | foreign CPU |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  const o = r.ours, a = r.anchor ?? {};
  console.log(`| ${r.n} | ${r.cfg} | ${o.zoom?.toFixed(3)} | ${o.domNodes} | ${f0(o.readyRaf)} / ${f0(a.readyRaf)} (${ratio(o.readyRaf, a.readyRaf)}) | ${f1(o.panP50)} / ${f1(a.panP50)} | ${f1(o.panP95)} / ${f1(a.panP95)} (${ratio(o.panP95, a.panP95)}) | ${f1(o.workP95)} / ${f1(a.workP95)} | ${f1(o.foreign)} / ${f1(a.foreign)} |`);
}
for (const cfg of CONFIGS) {
  const big = rows.find((r) => r.n === Math.max(...NS) && r.cfg === cfg), small = rows.find((r) => r.n === Math.min(...NS) && r.cfg === cfg);
  if (big && small && big !== small) console.log(`p95 ratio ${big.n}/${small.n} at ${cfg}: ours ${ratio(big.ours.panP95, small.ours.panP95)}${big.anchor && small.anchor ? `, anchor ${ratio(big.anchor.panP95, small.anchor.panP95)}` : ''}`);
}
console.log(`bundle: webview.js ${bundle.js} B (${gz('webview.js')} B gz), webview.css ${bundle.css} B (${gz('webview.css')} B gz)`);
fs.writeFileSync(path.join(OUT, 'results.json'), JSON.stringify({ date: new Date().toISOString(), runs: RUNS, bundle, rows }, null, 1));
