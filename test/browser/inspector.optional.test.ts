import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { parseDocument } from '../../core/parse';
import { paramOf, type BmadDocument } from '../../core/schema';
import { canvasSuite, node, ops, waitForOps, written } from './canvasPage';

const SCREENS = path.resolve(__dirname, '../../test-results/screens');

/**
 * A shot's optional wardrobe (rows of character and costume) and props (a list of names), as a
 * person meets them in the inspector: empty while absent, filled by typing, unset again by emptying.
 */
describe('inspector: optional wardrobe and props of a shot, in Chromium', function () {
  this.timeout(90000);
  const canvas = canvasSuite();
  let page: Page;

  const wardrobe = () => page.locator('.inspector .wardrobe-editor[id$="-wardrobe"]');
  const wardrobeRows = () => wardrobe().locator('.wardrobe-row');
  const propRows = () => page.locator('.inspector .list-editor[id$="-props"] .list-row');
  const waitOps = (n: number) => waitForOps(page, n);

  async function openShot(): Promise<{ doc: BmadDocument; shot: string }> {
    page = await canvas.open('doc=film');
    const text = await page.evaluate(() => fetch(`doc.json${location.search}`).then((r) => r.text()));
    const parsed = parseDocument(text);
    if (!parsed.ok) throw new Error('the film canvas does not parse');
    const shot = parsed.doc.nodes.find((n) => n.label === 'Shot 2 close')!;
    assert.ok(!('wardrobe' in shot.params) && !('props' in shot.params), 'the film canvas has neither param: they are absent');
    await node(page, 'Shot 2 close').click({ position: { x: 120, y: 12 } });
    await wardrobe().waitFor();
    return { doc: parsed.doc, shot: shot.id };
  }

  it('absent, they show empty: no wardrobe or prop rows, no "null", and nothing is sent', async () => {
    await openShot();
    assert.equal(await wardrobeRows().count(), 0);
    assert.doesNotMatch(await wardrobe().innerText(), /null/);
    assert.equal(await propRows().count(), 0);
    const labels = await page.locator('.inspector vscode-label').allTextContents();
    assert.ok(labels.includes('wardrobe (optional)') && labels.includes('props (optional)'), `labels: ${labels.join(', ')}`);
    // Through the empty editors, as a person tabbing through the form.
    await page.locator('.inspector .list-editor[id$="-props"] vscode-button').focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    // Then an edit that does send, so the list of ops is complete when read: only the rename is in it.
    const label = page.locator('.inspector vscode-textfield[id^="label-"] input');
    await label.fill('Shot 2 close (lamp)');
    await label.press('Enter');
    await waitOps(1);
    assert.deepEqual((await ops(page)).map((o) => o.type), ['rename']);
  });

  it('filled in, each edit is one op; removing the last costume unsets the wardrobe and the file has no trace of it', async () => {
    const { doc, shot } = await openShot();
    await wardrobe().locator('vscode-button', { hasText: 'Add costume' }).click();
    await waitOps(1);
    await wardrobeRows().first().locator('vscode-textfield input').fill('oilskin coat');
    await wardrobeRows().first().locator('vscode-textfield input').press('Enter');
    await waitOps(2);
    let after = await written(page, doc);
    assert.deepEqual(paramOf(after.doc.nodes.find((n) => n.id === shot)!, 'wardrobe'), [{ character: 'Ada', wardrobe: 'oilskin coat' }]);

    await page.locator('.inspector .list-editor[id$="-props"] vscode-button', { hasText: 'Add' }).click();
    await waitOps(3);
    await propRows().first().locator('input').fill('brass lamp');
    await propRows().first().locator('input').press('Enter');
    await waitOps(4);
    after = await written(page, doc);
    assert.deepEqual(paramOf(after.doc.nodes.find((n) => n.id === shot)!, 'props'), ['brass lamp']);

    // The shot with both filled, as the inspector shows it: compare spacing and labels with the other fields.
    await wardrobe().scrollIntoViewIfNeeded();
    fs.mkdirSync(SCREENS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENS, 'inspector-wardrobe-props.png') });

    await wardrobeRows().first().locator('vscode-button', { hasText: '✕' }).click();
    await waitOps(5);
    after = await written(page, doc);
    const params = after.doc.nodes.find((n) => n.id === shot)!.params;
    assert.ok(!('wardrobe' in params), 'unset, not null');
    assert.doesNotMatch(after.text, /wardrobe|null/);
    assert.equal(await page.locator('.inspector .field-error').count(), 0, 'an empty optional field is not an error');
  });
});
