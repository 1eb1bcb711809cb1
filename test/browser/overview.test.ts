import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { ops, posted, sendFromHost, startCanvas, type CanvasHarness } from './canvasPage';

type Doc = { nodes: { id: string; kind: string; position: { x: number; y: number } }[] };

/** The zoomed-out canvas (drawn on a <canvas>, no React Flow nodes) and the host's commands. */
describe('canvas overview and host commands in Chromium', function () {
  this.timeout(90000);
  let harness: CanvasHarness;
  let page: Page;
  before(async () => (harness = await startCanvas()));
  after(async () => harness?.close());
  afterEach(async () => page?.context().close());

  const toScreen = async (p: { x: number; y: number }) => {
    const v = await page.evaluate(() => window.__bmadCanvas!.getViewport());
    return { x: p.x * v.zoom + v.x, y: p.y * v.zoom + v.y };
  };
  const lastSelection = async () => (await posted(page, 'selection')).at(-1)?.nodeIds ?? [];

  it('fit view of 1,000 nodes draws the overview and mounts no card', async () => {
    page = await harness.open('n=1000&view=fit');
    const stats = await page.evaluate(() => window.__bmadCanvas!.stats());
    assert.equal(stats.overview, true);
    assert.equal(stats.domNodes, 0);
    assert.ok(stats.overviewDraws >= 1);
  });

  it('clicking a node on the overview selects it; Shift+drag selects a box of nodes', async () => {
    page = await harness.open('n=1000&view=fit');
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

  it('host commands: selectAll, addNode at the viewport centre, fitView', async () => {
    page = await harness.open('doc=film');
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
