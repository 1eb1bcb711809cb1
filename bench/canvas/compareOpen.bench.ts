/**
 * Opening the visual diff of two 5,000-node canvases in real Chromium: the canvas page (the real
 * webview bundle with the bench hook, see README.md) shows the newer grid at zoom 1, posted to it as
 * VS Code's host posts the working canvas; then the compare message the host would post (core's
 * compareView against an older version: a tenth of the nodes changed, 1 in 200 removed, 20 added) is
 * posted to the page, and the time runs until the marks are drawn (the first rAF after the cards in
 * view carry their diff-* classes). Budget 1.5 s; printed, never asserted. `npm run bench:history`.
 *
 * The page must show the very canvas the compare is made from: node ids are random (makeNode), and
 * a grid built apart (the host shim's own) shares no id with it, so the compare would replace every
 * node. That case is printed too, as a second figure, for what a wholesale replacement costs.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { applyOp, compareView, makeNode, type BmadDocument, type SingleOp } from '../../core';
import { gridCanvas } from './gridCanvas';

const N = 5000;
const RUNS = 5;
/** Runs of the wholesale replacement: slow, and only a second figure. */
const REPLACED_RUNS = 3;
const FILE = 'bench/grid.bmad';
const SETTINGS = { snapToGrid: true, showMinimap: true };
const BUDGET_MS = 1500;
/** Posts the compare message as VS Code's host would, then waits for the marks in the rAF after they draw. */
const MEASURE = `new Promise((resolve) => {
  const t0 = performance.now();
  window.postMessage(window.__compareMsg, '*');
  const check = () => {
    const n = document.querySelectorAll('.react-flow__node[class*="diff-"]').length;
    if (n > 0 && document.querySelector('.compare-bar')) resolve({ ms: performance.now() - t0, marked: n });
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})`;
const READY_PATCH = `<script nonce="__NONCE__">addEventListener('load',()=>window.__bmadCanvas.ready.then(r=>{window.__bmadReady=r}))</script>`;

/** The older version: the newer grid with every 10th node's label and position as they were, some gone, some new. */
function olderVersion(doc: BmadDocument): BmadDocument {
  const ops: SingleOp[] = [];
  doc.nodes.forEach((n, i) => {
    if (i % 200 === 0) ops.push({ type: 'remove', nodeIds: [n.id], edgeIds: [] });
    else if (i % 10 === 0) {
      ops.push({ type: 'rename', id: n.id, label: `${n.label} (was)` });
      ops.push({ type: 'move', moves: [{ id: n.id, x: n.position.x + 32, y: n.position.y }] });
    }
  });
  ops.push({ type: 'insert', nodes: Array.from({ length: 20 }, (_, k) => ({ ...makeNode('shot', { x: k * 280, y: -500 }), id: `old_${k}` })), edges: [] });
  const r = applyOp(doc, { type: 'batch', ops });
  if (!r.ok) throw new Error(r.message);
  return r.doc;
}

const newer = gridCanvas(N);
const view = compareView(olderVersion(newer), newer);
const message = {
  type: 'compare', file: FILE, against: 'HEAD~1', doc: view.doc,
  settings: SETTINGS, marks: view.marks, changes: view.changes, order: [...view.order],
};
/** What the page shows first: the newer canvas, as the host posts the working file. */
const shown = { type: 'document', file: FILE, doc: newer, settings: SETTINGS };

const median = (times: readonly number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? NaN;

async function main(): Promise<void> {
  // An ES module (shared with bench/canvas/run.mjs); this file runs as CommonJS under tsx.
  const { buildCanvasPage, CHROMIUM, CHROMIUM_FLAGS, repoRoot, serve } = await import('./benchPage.mjs');
  const out = path.join(repoRoot, 'test-results/bench-canvas/compare');
  await buildCanvasPage(out);
  const index = path.join(out, 'index.html');
  fs.writeFileSync(index, fs.readFileSync(index, 'utf8').replace('</body>', `${READY_PATCH}\n</body>`));
  const server = await serve({ '/ours/': out });
  const udd = fs.mkdtempSync(path.join(os.tmpdir(), 'bmad-bench-udd-'));
  const browser = await chromium.launch({ executablePath: CHROMIUM, ignoreDefaultArgs: true,
    args: [...CHROMIUM_FLAGS, `--user-data-dir=${udd}`, '--remote-debugging-pipe', '--no-startup-window'] });
  // Typed as what they are on the wire: Playwright's serializable type of a whole document is too deep for tsc.
  const payload: unknown = message;
  const first: unknown = shown;
  /** One open of the diff; `same`: the page shows the canvas the compare was made from (else the shim's own grid). */
  const once = async (same: boolean) => {
    const page = await (await browser.newContext({ viewport: { width: 1600, height: 1000 } })).newPage();
    await page.goto(`${server.url}/ours/index.html?n=${N}&view=z1${same ? '&host=manual' : ''}`, { timeout: 120000 });
    if (same) await page.evaluate((m: unknown) => (window as unknown as { __host: { send(m: unknown): void } }).__host.send(m), first);
    await page.waitForFunction(() => (window as { __bmadReady?: unknown }).__bmadReady, null, { polling: 50, timeout: 120000 });
    await page.evaluate((msg: unknown) => void Object.assign(window, { __compareMsg: msg }), payload);
    // A string, not a function: tsx would wrap a named inner function in a helper the page lacks.
    const result = await page.evaluate<{ ms: number; marked: number }>(MEASURE);
    await page.context().close();
    return result;
  };
  const times: number[] = [];
  const replaced: number[] = [];
  let marked = 0;
  try {
    for (let r = 0; r < RUNS; r++) {
      const result = await once(true);
      times.push(result.ms);
      marked = result.marked;
    }
    for (let r = 0; r < REPLACED_RUNS; r++) replaced.push((await once(false)).ms);
  } finally {
    await browser.close();
    await server.close();
    fs.rmSync(udd, { recursive: true, force: true });
  }
  const runs = (t: readonly number[]) => `runs ${t.map((v) => v.toFixed(0)).join(', ')} ms; median ${median(t).toFixed(0)} ms`;
  console.log(`visual diff of two ${N}-node canvases (${view.order.length} changes), message posted → marks drawn, real Chromium:`);
  console.log(`  ${runs(times)}; ${marked} marked cards in view`);
  console.log(`  ratio to budget (${BUDGET_MS} ms) ${(median(times) / BUDGET_MS).toFixed(2)}`);
  console.log(`  the same diff over a canvas that shares no node id with the page (every node replaced): ${runs(replaced)}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
