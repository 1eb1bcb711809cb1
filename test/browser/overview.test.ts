import assert from 'node:assert/strict';
import { createCanvas } from '@napi-rs/canvas';
import type { Page } from 'playwright-core';
import { canvasSuite, ops, posted, sendFromHost } from './canvasPage';

type Doc = { nodes: { id: string; kind: string; label: string; position: { x: number; y: number } }[] };
type Box = { x: number; y: number; width: number; height: number };

interface PixelQuery {
  readonly box: Box;
  readonly rgb: readonly [number, number, number];
  /** Per channel. */
  readonly tol: number;
  readonly min: number;
}

/**
 * How many pixels of the overview canvas inside a screen box are close to `rgb`; false when fewer than
 * `min` (so it also serves page.waitForFunction). Runs in the page, hence self-contained.
 */
function pixelsAtLeast(q: PixelQuery): number | false {
  const canvas = document.querySelector<HTMLCanvasElement>('canvas.overview-layer')!;
  const r = canvas.getBoundingClientRect(), s = canvas.width / r.width;
  const { box, rgb, tol } = q;
  const data = canvas.getContext('2d')!.getImageData(Math.round((box.x - r.left) * s), Math.round((box.y - r.top) * s), Math.round(box.width * s), Math.round(box.height * s)).data;
  let n = 0;
  for (let i = 0; i < data.length; i += 4) if (Math.abs(data[i]! - rgb[0]) <= tol && Math.abs(data[i + 1]! - rgb[1]) <= tol && Math.abs(data[i + 2]! - rgb[2]) <= tol) n++;
  return n >= q.min ? n : false;
}
const overviewPixels = async (page: Page, q: Omit<PixelQuery, 'min'>) => Number(await page.evaluate(pixelsAtLeast, { ...q, min: 0 }));

/** Sets the viewport and waits until the overview has drawn it. */
async function showAt(page: Page, v: { x: number; y: number; zoom: number }): Promise<void> {
  const draws = await page.evaluate(() => window.__bmadCanvas!.stats().overviewDraws);
  await page.evaluate((vp) => window.__bmadCanvas!.setViewport(vp), v);
  await page.waitForFunction((n) => window.__bmadCanvas!.stats().overviewDraws > n, draws);
}

/** A 160×90 PNG in one colour, as a data: URI (the webview's CSP allows data: images). */
function solidPng(color: string): string {
  const c = createCanvas(160, 90);
  const ctx = c.getContext('2d');
  ctx.fillStyle = color;
  ctx.fillRect(0, 0, 160, 90);
  return `data:image/png;base64,${c.toBuffer('image/png').toString('base64')}`;
}

/** The zoomed-out canvas (drawn on a <canvas>, no React Flow nodes) and the host's commands. */
describe('canvas overview and host commands in Chromium', function () {
  this.timeout(90000);
  const canvas = canvasSuite();
  let page: Page;

  const toScreen = async (p: { x: number; y: number }) => {
    const v = await page.evaluate(() => window.__bmadCanvas!.getViewport());
    return { x: p.x * v.zoom + v.x, y: p.y * v.zoom + v.y };
  };
  const lastSelection = async () => (await posted(page, 'selection')).at(-1)?.nodeIds ?? [];

  it('fit view of 1,000 nodes draws the overview and mounts no card', async () => {
    page = await canvas.open('n=1000&view=fit');
    const stats = await page.evaluate(() => window.__bmadCanvas!.stats());
    assert.equal(stats.overview, true);
    assert.equal(stats.domNodes, 0);
    assert.ok(stats.overviewDraws >= 1);
  });

  it('clicking a node on the overview selects it; Shift+drag selects a box of nodes', async () => {
    page = await canvas.open('n=1000&view=fit');
    const doc = await page.evaluate(() => fetch(`doc.json${location.search}`).then((r) => r.json() as Promise<Doc>));
    const target = doc.nodes[40]!;
    const at = await toScreen({ x: target.position.x + 100, y: target.position.y + 60 });
    await page.mouse.click(at.x, at.y);
    assert.deepEqual(await lastSelection(), [target.id]);
    // Columns 1-3, rows 2-3 of the grid (320 × 260 apart), away from the legend in the corner.
    const a = await toScreen({ x: 300, y: 500 }), b = await toScreen({ x: 1250, y: 1000 });
    await page.keyboard.down('Shift');
    await page.mouse.move(a.x, a.y);
    await page.mouse.down();
    await page.mouse.move(b.x, b.y, { steps: 8 });
    await page.mouse.up();
    await page.keyboard.up('Shift');
    assert.equal((await lastSelection()).length, 6, '3 columns × 2 rows');
  });

  it('draws card titles once they are legible and not before (dark theme text #cccccc)', async () => {
    page = await canvas.open('doc=example&view=fit');
    const script = (await page.evaluate(() => fetch(`doc.json${location.search}`).then((r) => r.json() as Promise<Doc>))).nodes.find((n) => n.kind === 'script')!;
    // The script card's body, where its title goes, on screen for a viewport with the card at (100, 300).
    const titleBox = (zoom: number): Box => ({ x: 100 + 16 * zoom, y: 300 + 38 * zoom, width: 208 * zoom, height: 64 * zoom });
    const at = (zoom: number) => ({ x: 100 - script.position.x * zoom, y: 300 - script.position.y * zoom, zoom });
    await showAt(page, at(0.25));
    const text = [204, 204, 204] as const;
    assert.equal(await overviewPixels(page, { box: titleBox(0.25), rgb: text, tol: 40 }), 0, 'at 25 % a title would be 7 px: not drawn');
    await showAt(page, at(0.4));
    assert.ok(await overviewPixels(page, { box: titleBox(0.4), rgb: text, tol: 40 }) > 20, 'at 40 % the title is 11 px: drawn');
  });

  it('draws a rendered node\'s thumbnail on its card, once legible', async () => {
    page = await canvas.open('doc=example&view=fit');
    const key = (await page.evaluate(() => fetch(`doc.json${location.search}`).then((r) => r.json() as Promise<Doc>))).nodes.find((n) => n.kind === 'image')!;
    const thumbBox = (zoom: number): Box => ({ x: 100 + 16 * zoom, y: 300 + 38 * zoom, width: 208 * zoom, height: 117 * zoom });
    await showAt(page, { x: 100 - key.position.x * 0.4, y: 300 - key.position.y * 0.4, zoom: 0.4 });
    const magenta = { box: thumbBox(0.4), rgb: [255, 0, 255] as const, tol: 8 };
    assert.equal(await overviewPixels(page, magenta), 0, 'no thumbnail before a render');
    await sendFromHost(page, { type: 'renderState', full: false, nodes: { [key.id]: { state: 'done', thumbnail: solidPng('#ff00ff') } } });
    // The image loads, then the overview redraws: wait until most of the thumbnail's box is that colour.
    await page.waitForFunction(pixelsAtLeast, { ...magenta, min: 0.8 * magenta.box.width * magenta.box.height });
  });

  it('host commands: selectAll, addNode at the viewport centre, fitView', async () => {
    page = await canvas.open('doc=film');
    await sendFromHost(page, { type: 'command', command: 'selectAll' });
    assert.equal((await lastSelection()).length, 13);
    await page.evaluate(() => window.__bmadCanvas!.setViewport({ x: 0, y: 0, zoom: 1 }));
    await sendFromHost(page, { type: 'command', command: 'addNode', kind: 'style' });
    const [insert] = await ops(page);
    assert.equal(insert?.type, 'insert');
    const [n] = insert!.nodes as { kind: string; position: { x: number; y: number } }[];
    assert.equal(n!.kind, 'style');
    const snap = (v: number) => Math.round(v / 16) * 16;
    assert.deepEqual(n!.position, { x: snap(800 - 240 / 2), y: snap(500 - 132 / 2) }, 'centred, snapped to 16 px');
    await sendFromHost(page, { type: 'command', command: 'fitView' });
    const v = await page.evaluate(() => window.__bmadCanvas!.getViewport());
    assert.ok(v.zoom < 1 && v.zoom > 0.3, `fit zoom ${v.zoom}`);
  });
});
