import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { kindSpec, type NodeKind } from '../../core/nodes';
import { LEGIBLE_PX } from '../../webview/canvas/legibility';
import { OVERLAY_INSET, topBand } from '../../webview/canvas/overlays';
import { canvasSuite, posted } from './canvasPage';

type Doc = { nodes: { id: string; kind: NodeKind; label: string; position: { x: number; y: number }; params: Record<string, unknown> }[] };
type Box = { x: number; y: number; width: number; height: number };

const LAPTOP = { width: 1400, height: 900 };
const doc = (page: Page) => page.evaluate(() => fetch(`doc.json${location.search}`).then((r) => r.json() as Promise<Doc>));
const viewport = (page: Page) => page.evaluate(() => window.__bmadCanvas!.getViewport());
const meets = (a: Box, b: Box) => a.x < b.x + b.width && a.x + a.width > b.x && a.y < b.y + b.height && a.y + a.height > b.y;

/** Every card's box on screen, from the document and the viewport (whether React Flow mounted it or not). */
async function cardBoxes(page: Page): Promise<{ label: string; box: Box }[]> {
  const [d, v] = await Promise.all([doc(page), viewport(page)]);
  return d.nodes.map((n) => {
    const { width, height } = kindSpec(n.kind).size;
    return { label: n.label, box: { x: n.position.x * v.zoom + v.x, y: n.position.y * v.zoom + v.y, width: width * v.zoom, height: height * v.zoom } };
  });
}

/** The card titles on screen as a person sees them: their text and on-screen font size. */
const shownTitles = (page: Page) =>
  page.evaluate(() => {
    const zoom = window.__bmadCanvas!.getViewport().zoom;
    const pane = document.querySelector('.react-flow')!.getBoundingClientRect();
    return [...document.querySelectorAll<HTMLElement>('.react-flow__node:not(.ghost-node) .card-label')]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.left >= pane.left && r.right <= pane.right && r.top >= pane.top && r.bottom <= pane.bottom;
      })
      .map((el) => ({ text: el.textContent ?? '', px: parseFloat(getComputedStyle(el).fontSize) * zoom }));
  });

/** The widgets over the canvas (legend, zoom buttons, minimap) as they are on screen. */
const widgetBoxes = (page: Page) =>
  page.evaluate(() => ['.port-legend', '.canvas-zoom', '.canvas-minimap'].map((sel) => {
    const r = document.querySelector(sel)!.getBoundingClientRect();
    return { sel, box: { x: r.x, y: r.y, width: r.width, height: r.height } };
  }));

/** The canvas as it first opens: readable, with nothing over its cards; the port legend. */
describe('canvas first open in Chromium', function () {
  this.timeout(90000);
  const canvas = canvasSuite();
  let page: Page;

  it('the example film opens where its titles read, at the script and the first scene; F then fits it all', async () => {
    page = await canvas.open('doc=example', { size: LAPTOP });
    const d = await doc(page);
    const script = d.nodes.find((n) => n.kind === 'script')!;
    const scene1 = d.nodes.find((n) => n.kind === 'scene' && n.params.number === 1)!;
    const titles = await shownTitles(page);
    assert.ok(titles.length >= 8, `${titles.length} titles on screen`);
    for (const t of titles) assert.ok(t.px >= LEGIBLE_PX, `"${t.text}" is ${t.px.toFixed(1)} px high`);
    const texts = titles.map((t) => t.text);
    assert.ok(texts.includes(script.label) && texts.includes(scene1.label), `the start is on screen: ${texts.join(', ')}`);

    const before = await viewport(page);
    await page.keyboard.press('f');
    await page.waitForFunction((z) => window.__bmadCanvas!.getViewport().zoom !== z, before.zoom);
    const fit = await viewport(page);
    assert.ok(fit.zoom < before.zoom, `fit view zooms out (${before.zoom} → ${fit.zoom})`);
    for (const { label, box } of await cardBoxes(page)) {
      assert.ok(box.x >= 0 && box.y >= topBand(true) && box.x + box.width <= LAPTOP.width && box.y + box.height <= LAPTOP.height, `${label} is in view, below the widgets`);
    }
  });

  for (const size of [LAPTOP, { width: 1600, height: 1000 }]) {
    it(`a 100-node canvas opens with legible titles at ${size.width}×${size.height}`, async () => {
      page = await canvas.open('n=100', { size });
      const titles = await shownTitles(page);
      assert.ok(titles.length >= 8, `${titles.length} titles on screen`);
      for (const t of titles) assert.ok(t.px >= LEGIBLE_PX, `"${t.text}" is ${t.px.toFixed(1)} px high`);
    });
  }

  for (const [query, size] of [['doc=example', LAPTOP], ['n=100', LAPTOP], ['doc=film', { width: 1600, height: 1000 }]] as const) {
    it(`neither the legend, the zoom buttons nor the minimap covers a card at the first view (${query})`, async () => {
      page = await canvas.open(query, { size });
      const widgets = await widgetBoxes(page);
      for (const w of widgets) assert.ok(w.box.y + w.box.height <= topBand(true) - OVERLAY_INSET, `${w.sel} stays in the band it is given`);
      const covered = (await cardBoxes(page)).flatMap((c) => widgets.filter((w) => meets(w.box, c.box)).map((w) => `${w.sel} covers ${c.label}`));
      assert.deepEqual(covered, []);
    });
  }

  it('in a narrow editor with the inspector open, the widgets do not cover one another', async () => {
    page = await canvas.open('doc=film', { size: { width: 900, height: 700 } });
    await page.locator('.react-flow__node.kind-scene').click({ position: { x: 60, y: 10 } });
    await page.locator('.inspector').waitFor();
    const widgets = await widgetBoxes(page);
    const clashes = widgets.flatMap((a, i) => widgets.slice(i + 1).filter((b) => meets(a.box, b.box)).map((b) => `${a.sel} / ${b.sel}`));
    assert.deepEqual(clashes, []);
    // So a click on a zoom button reaches it (Playwright checks nothing else is on top).
    const before = (await viewport(page)).zoom;
    await page.locator('.react-flow__controls-zoomin').click();
    await page.waitForFunction((z) => window.__bmadCanvas!.getViewport().zoom > z, before);
  });

  it('the port legend collapses and opens by keyboard and by mouse, and stays as left after a reload', async () => {
    page = await canvas.open('doc=film');
    const toggle = page.locator('.legend-toggle');
    const expanded = () => toggle.getAttribute('aria-expanded');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.className), 'legend-toggle', 'the legend is the first stop of Tab');
    assert.equal(await expanded(), 'true');
    assert.equal(await page.locator('.legend-items .legend-item').count(), 7);
    await page.keyboard.press('Enter');
    await page.locator('.legend-items').waitFor({ state: 'detached' });
    assert.equal(await expanded(), 'false');
    await page.keyboard.press('Space');
    await page.locator('.legend-items').waitFor();
    assert.equal(await expanded(), 'true');
    await toggle.click();
    await page.locator('.legend-items').waitFor({ state: 'detached' });
    assert.deepEqual(await posted(page, 'op'), [], 'toggling the legend edits nothing');

    await page.waitForFunction(() => (window as unknown as { __host: { state(): { legendOpen?: boolean } } }).__host.state()?.legendOpen === false);
    const state = await page.evaluate(() => (window as unknown as { __host: { state(): unknown } }).__host.state());
    await page.context().close();
    page = await canvas.open('doc=film&host=manual', { state });
    await page.locator('.legend-toggle').waitFor();
    assert.equal(await page.locator('.legend-toggle').getAttribute('aria-expanded'), 'false');
    assert.equal(await page.locator('.legend-items').count(), 0);
  });
});
