import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { applyOp, Op } from '../../core/ops';
import { parseDocument } from '../../core/parse';
import { paramOf, type BmadDocument } from '../../core/schema';
import { serializeDocument } from '../../core/serialize';
import { node, ops, sendFromHost, startCanvas, type CanvasHarness } from './canvasPage';

const SCREENS = path.resolve(__dirname, '../../test-results/screens');

/**
 * A shot's optional wardrobe (a list of objects, edited as JSON) and props (a list of names), as a
 * person meets them in the inspector: empty while absent, filled by typing, unset again by emptying.
 */
describe('inspector: optional wardrobe and props of a shot, in Chromium', function () {
  this.timeout(90000);
  let harness: CanvasHarness;
  let page: Page;
  before(async () => (harness = await startCanvas()));
  after(async () => harness?.close());
  afterEach(async () => page?.context().close());

  const wardrobe = () => page.locator('.inspector vscode-textarea[id$="-wardrobe"]');
  const wardrobeText = () => wardrobe().evaluate((el) => (el as HTMLElement & { value: string }).value);
  const propRows = () => page.locator('.inspector .list-editor[id$="-props"] .list-row');
  const waitOps = (n: number) => page.waitForFunction((k) => (window as unknown as { __posted: { type: string }[] }).__posted.filter((m) => m.type === 'op').length >= k, n);

  async function openShot(): Promise<{ doc: BmadDocument; shot: string }> {
    page = await harness.open('doc=film');
    const text = await page.evaluate(() => fetch(`doc.json${location.search}`).then((r) => r.text()));
    const parsed = parseDocument(text);
    if (!parsed.ok) throw new Error('the film canvas does not parse');
    const shot = parsed.doc.nodes.find((n) => n.label === 'Shot 2 close')!;
    assert.ok(!('wardrobe' in shot.params) && !('props' in shot.params), 'the film canvas has neither param: they are absent');
    await node(page, 'Shot 2 close').click({ position: { x: 120, y: 12 } });
    await wardrobe().waitFor();
    return { doc: parsed.doc, shot: shot.id };
  }

  /** What the host would write: the posted ops applied in turn, as canonical text. */
  async function written(doc: BmadDocument): Promise<{ doc: BmadDocument; text: string }> {
    let current = doc;
    for (const op of await ops(page)) {
      const r = applyOp(current, Op.parse(op));
      assert.ok(r.ok, r.ok ? '' : r.message);
      current = r.doc;
    }
    return { doc: current, text: serializeDocument(current) };
  }

  it('absent, they show empty: no "null" in the wardrobe field, no prop rows, and nothing is sent', async () => {
    await openShot();
    assert.equal(await wardrobeText(), '');
    assert.equal(await propRows().count(), 0);
    const labels = await page.locator('.inspector vscode-label').allTextContents();
    assert.ok(labels.includes('wardrobe (optional)') && labels.includes('props (optional)'), `labels: ${labels.join(', ')}`);
    // Into the empty field and out again, as a person tabbing through the form.
    await wardrobe().locator('textarea').click();
    await page.keyboard.press('Tab');
    // Then an edit that does send, so the list of ops is complete when read: only the rename is in it.
    const label = page.locator('.inspector vscode-textfield[id^="label-"] input');
    await label.fill('Shot 2 close (lamp)');
    await label.press('Enter');
    await waitOps(1);
    assert.deepEqual((await ops(page)).map((o) => o.type), ['rename']);
  });

  it('typed in, each is one op; emptying the wardrobe unsets it and the file has no trace of it', async () => {
    const { doc, shot } = await openShot();
    await wardrobe().locator('textarea').click();
    await page.keyboard.type('[{"character": "Ada", "wardrobe": "oilskin coat"}]');
    await page.keyboard.press('Tab');
    await waitOps(1);
    let after = await written(doc);
    assert.deepEqual(paramOf(after.doc.nodes.find((n) => n.id === shot)!, 'wardrobe'), [{ character: 'Ada', wardrobe: 'oilskin coat' }]);

    await page.locator('.inspector .list-editor[id$="-props"] vscode-button', { hasText: 'Add' }).click();
    await waitOps(2);
    await propRows().first().locator('input').fill('brass lamp');
    await propRows().first().locator('input').press('Enter');
    await waitOps(3);
    after = await written(doc);
    assert.deepEqual(paramOf(after.doc.nodes.find((n) => n.id === shot)!, 'props'), ['brass lamp']);

    // The shot with both filled, as the inspector shows it: compare spacing and labels with the other fields.
    await wardrobe().scrollIntoViewIfNeeded();
    fs.mkdirSync(SCREENS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENS, 'inspector-wardrobe-props.png') });

    await wardrobe().locator('textarea').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.press('Tab');
    await waitOps(4);
    after = await written(doc);
    const params = after.doc.nodes.find((n) => n.id === shot)!.params;
    assert.ok(!('wardrobe' in params), 'unset, not null');
    assert.doesNotMatch(after.text, /wardrobe|null/);
    assert.equal(await page.locator('.inspector .field-error').count(), 0, 'an empty optional field is not an error');
  });
});
