// Screenshots of the canvas in headless Chromium (real webview bundle + host shim), for people to look
// at: node test/browser/screens.mjs  →  test-results/screens/*.png
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildCanvasPage, CHROMIUM, CHROMIUM_FLAGS, repoRoot, serve } from '../../bench/canvas/benchPage.mjs';

const out = path.join(repoRoot, 'test-results/screens');
const dir = path.join(repoRoot, 'test-results/browser-page');
fs.mkdirSync(out, { recursive: true });
await buildCanvasPage(dir, { production: true });
const server = await serve({ '/ours/': dir });
const udd = fs.mkdtempSync(path.join(os.tmpdir(), 'bmad-screens-'));
const browser = await chromium.launch({ executablePath: CHROMIUM, ignoreDefaultArgs: true, args: [...CHROMIUM_FLAGS, `--user-data-dir=${udd}`, '--remote-debugging-pipe', '--no-startup-window'] });

async function open(query, { size = { width: 1600, height: 1000 }, ready = true, scale = 1 } = {}) {
  const page = await (await browser.newContext({ viewport: size, deviceScaleFactor: scale })).newPage();
  page.on('pageerror', (e) => console.error('pageerror', String(e)));
  page.on('console', (m) => m.type() !== 'debug' && console.log(`[${m.type()}]`, m.text()));
  await page.goto(`${server.url}/ours/index.html?${query}`);
  if (ready) await page.waitForFunction(() => window.__bmadCanvas?.ready.then(() => (window.__ok = true)) && window.__ok, null, { polling: 50 });
  await page.waitForTimeout(200);
  return page;
}
const shot = async (page, name) => {
  await page.screenshot({ path: path.join(out, name + '.png') });
  console.log('wrote', name);
};
const nodeByLabel = (page, label) => page.locator('.react-flow__node', { hasText: label }).first();

try {
  for (const theme of ['dark', 'light']) {
    // The example film as it first opens, at the size of a laptop's editor area; then F (fit view).
    const page = await open(`doc=example&theme=${theme}`, { size: { width: 1400, height: 900 } });
    await shot(page, `example-open-${theme}`);
    await page.keyboard.press('f');
    await page.waitForTimeout(300);
    await shot(page, `example-fit-${theme}`);
    await page.evaluate(() => window.__bmadCanvas.setViewport({ x: 20, y: 170, zoom: 0.4 }));
    await page.waitForTimeout(300);
    await shot(page, `example-z04-${theme}`);
    await page.close();
  }
  for (const theme of ['dark', 'light', 'hc']) {
    const page = await open(`doc=film&theme=${theme}`);
    await shot(page, `film-${theme}`);
    await nodeByLabel(page, 'Keyframe 2').click({ position: { x: 120, y: 12 } });
    await page.waitForTimeout(300);
    await shot(page, `film-${theme}-inspector`);
    await page.close();
  }
  {
    const page = await open('doc=film&theme=dark');
    // Drag from an image output to a shot's text input: a mismatched type.
    const from = nodeByLabel(page, 'Keyframe 1').locator('.react-flow__handle.source');
    const to = nodeByLabel(page, 'Shot 2 close').locator('.react-flow__handle[data-handleid="scene"]');
    const a = await from.boundingBox(), b = await to.boundingBox();
    await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await page.mouse.down();
    await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
    await page.waitForTimeout(200);
    await shot(page, 'film-dark-mismatch-drag');
    await page.mouse.up();
    await page.close();
  }
  {
    // Close-up at 2x of a few cards, to check borders, handles and text at pixel level.
    const page = await open('doc=film&theme=dark', { scale: 2 });
    await page.evaluate(() => window.__bmadCanvas.setViewport({ x: -500, y: -350, zoom: 1.3 }));
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(out, 'film-dark-closeup.png'), clip: { x: 0, y: 0, width: 900, height: 560 } });
    await page.close();
  }
  {
    const page = await open('n=5000&theme=dark');
    await shot(page, 'grid-5000-fit-dark');
    await page.evaluate(() => window.__bmadCanvas.setViewport({ x: -200, y: -100, zoom: 0.3 }));
    await page.waitForTimeout(200);
    await shot(page, 'grid-5000-z03-dark');
    await page.evaluate(() => window.__bmadCanvas.setViewport({ x: 0, y: 0, zoom: 0.5 }));
    await page.waitForTimeout(400);
    await shot(page, 'grid-5000-z05-dark');
    await page.close();
    const light = await open('n=5000&theme=light');
    await shot(light, 'grid-5000-fit-light');
    await light.close();
  }
  {
    const page = await open('doc=film&theme=light&host=manual', { ready: false });
    await page.evaluate(() => window.__host.send({ type: 'invalid', file: '02_Source_Creative/main.bmad', issues: [
      { path: ['nodes', 3, 'params', 'seed'], message: 'expected an integer, got 1.5', line: 41, column: 17 },
      { path: [], message: 'Unexpected token } in JSON', line: 97, column: 3 }] }));
    await page.waitForTimeout(300);
    await shot(page, 'error-view-light');
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
  fs.rmSync(udd, { recursive: true, force: true });
}
