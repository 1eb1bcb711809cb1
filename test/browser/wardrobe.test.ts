import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { parseDocument } from '../../core/parse';
import { paramOf, type BmadDocument } from '../../core/schema';
import { serializeDocument } from '../../core/serialize';
import { canvasSuite, node, ops, posted, sendFromHost, waitForOps, written } from './canvasPage';

const SCREENS = path.resolve(__dirname, '../../test-results/screens');

type Entry = { character: string; wardrobe: string };
type RawDoc = { nodes: { id: string; kind: string; label: string; position: { x: number; y: number }; params: Record<string, unknown> }[]; edges: Record<string, string>[] };

/**
 * A shot's wardrobe as rows in the inspector (character, costume), used as a person does: Add, type,
 * pick who with the keyboard, remove, undo. Checked on what the host would write and what is shown.
 */
describe('inspector: a shot\'s wardrobe as rows, in Chromium', function () {
  this.timeout(90000);
  const canvas = canvasSuite();
  let page: Page;

  const rows = () => page.locator('.inspector .wardrobe-editor[id$="-wardrobe"] .wardrobe-row');
  const row = (i: number) => page.locator(`.inspector .wardrobe-row[data-row="${i}"]`);
  const shown = (i: number) => row(i).evaluate((el) => ({
    character: (el.querySelector('vscode-single-select') as HTMLElement & { value: string }).value,
    wardrobe: (el.querySelector('vscode-textfield') as HTMLElement & { value: string }).value,
  }));
  const focused = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent?.trim());
  const waitOps = (n: number) => waitForOps(page, n);
  const wardrobeIn = (doc: BmadDocument, shot: string) => paramOf(doc.nodes.find((n) => n.id === shot)!, 'wardrobe');

  /**
   * The film canvas as the host has it: Shot 2 lists Ada and Wren and has Ada (the Keeper) and Tom
   * wired in; Mae is a character of the canvas who is not in the shot. `wardrobe`: the shot's, if any.
   */
  async function openShot(wardrobe?: Entry[]): Promise<{ doc: BmadDocument; shot: string }> {
    page = await canvas.open('doc=film');
    const raw = await page.evaluate(() => fetch(`doc.json${location.search}`).then((r) => r.json() as Promise<RawDoc>));
    const shot = raw.nodes.find((n) => n.label === 'Shot 2 close')!;
    shot.params.characters = ['Ada', 'Wren'];
    if (wardrobe) shot.params.wardrobe = wardrobe;
    const keeper = raw.nodes.find((n) => n.label === 'Keeper')!;
    for (const [id, name, y] of [['n_tom', 'Tom', 620], ['n_mae', 'Mae', 760]] as const) {
      raw.nodes.push({ ...keeper, id, label: name, position: { x: 320, y }, params: { ...keeper.params, name } });
    }
    raw.edges.push({ id: 'e_tom', source: 'n_tom', sourcePort: 'character', target: shot.id, targetPort: 'characters' });
    // Checked as the host checks a file, so the test starts from a canvas the host would have.
    const checked = parseDocument(JSON.stringify(raw));
    if (!checked.ok) throw new Error(`the test's canvas is invalid: ${JSON.stringify(checked.issues)}`);
    await sendFromHost(page, { type: 'document', file: 'main.bmad', doc: checked.doc, settings: { snapToGrid: true, showMinimap: true } });
    await page.waitForSelector('.react-flow__node:has-text("Mae")');
    await node(page, 'Shot 2 close').click({ position: { x: 120, y: 12 } });
    await page.locator('.inspector .wardrobe-editor').waitFor();
    return { doc: checked.doc, shot: shot.id };
  }

  it('a person adds, types, picks with the keyboard, removes and undoes: one op per edit, and the file says so', async () => {
    const { doc, shot } = await openShot();
    assert.equal(await rows().count(), 0);
    assert.equal(await page.locator('.inspector .wardrobe-editor .row-empty').textContent(), 'Everyone wears their usual.');
    assert.equal(await page.locator('.inspector vscode-textarea[id$="-wardrobe"]').count(), 0, 'no JSON editor');

    // Add: a row for the first one in the shot, and the keyboard is on who it is.
    await page.locator('.inspector .wardrobe-editor vscode-button', { hasText: 'Add costume' }).click();
    await waitOps(1);
    assert.equal(await focused(), 'Costume 1: who wears it');
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'Costume 1: what they wear');
    await page.keyboard.type('oilskin coat');
    assert.equal((await ops(page)).length, 1, 'typing sends nothing yet');
    await page.keyboard.press('Tab');
    await waitOps(2);
    assert.deepEqual(wardrobeIn((await written(page, doc)).doc, shot), [{ character: 'Ada', wardrobe: 'oilskin coat' }]);

    // A second row starts with the next one in the shot who has none (Tom); the keyboard makes it Wren.
    assert.equal(await focused(), 'Remove costume 1');
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'Add costume');
    await page.keyboard.press('Enter');
    await waitOps(3);
    assert.equal(await focused(), 'Costume 2: who wears it');
    assert.deepEqual(await row(1).locator('vscode-option').allTextContents(), ['Ada', 'Tom', 'Wren', 'Mae (not in shot)']);
    assert.equal((await shown(1)).character, 'Tom');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await waitOps(4);
    await page.keyboard.press('Tab');
    await page.keyboard.type("grey sou'wester");
    await page.keyboard.press('Enter');
    await waitOps(5);
    let file = await written(page, doc);
    assert.deepEqual(wardrobeIn(file.doc, shot), [{ character: 'Ada', wardrobe: 'oilskin coat' }, { character: 'Wren', wardrobe: "grey sou'wester" }]);
    assert.ok(file.text.includes([
      '        "wardrobe": [',
      '          { "character": "Ada", "wardrobe": "oilskin coat" },',
      `          { "character": "Wren", "wardrobe": "grey sou'wester" }`,
      '        ]',
    ].join('\n')), 'the shot\'s wardrobe in the file, in its canonical form');
    assert.deepEqual([await shown(0), await shown(1)], [{ character: 'Ada', wardrobe: 'oilskin coat' }, { character: 'Wren', wardrobe: "grey sou'wester" }]);

    await page.locator('.inspector .wardrobe-editor').scrollIntoViewIfNeeded();
    fs.mkdirSync(SCREENS, { recursive: true });
    await page.locator('.inspector').screenshot({ path: path.join(SCREENS, 'inspector-wardrobe-rows.png') });

    // Delete on the first row's character removes the row; focus goes to the row that took its place.
    await row(0).locator('vscode-single-select').focus();
    await page.keyboard.press('Delete');
    await waitOps(6);
    assert.equal(await focused(), 'Remove costume 1');
    assert.deepEqual(await shown(0), { character: 'Wren', wardrobe: "grey sou'wester" });
    // The last row goes with a click: the param is unset, and the file has no trace of it.
    await row(0).locator('vscode-button', { hasText: '✕' }).click();
    await waitOps(7);
    file = await written(page, doc);
    assert.ok(!('wardrobe' in file.doc.nodes.find((n) => n.id === shot)!.params), 'unset, not an empty list');
    assert.equal(file.text, serializeDocument(doc), 'the file is as it was before the first Add');
    assert.equal(await rows().count(), 0);
    assert.equal(await focused(), 'Add costume');
    assert.equal((await ops(page)).length, 7, 'one op per edit, nothing else');

    // Undo is VS Code's, asked from the canvas: one step takes back the last op, and the host sends the text it reverted to.
    await node(page, 'Shot 2 close').click({ position: { x: 120, y: 12 } });
    await page.keyboard.press('Control+z');
    assert.deepEqual((await posted(page, 'history')).map((h) => (h as { action?: string }).action), ['undo']);
    const reverted = await written(page, doc, 6);
    await sendFromHost(page, { type: 'document', file: 'main.bmad', doc: reverted.doc, settings: { snapToGrid: true, showMinimap: true } });
    await row(0).waitFor();
    assert.deepEqual(wardrobeIn(reverted.doc, shot), [{ character: 'Wren', wardrobe: "grey sou'wester" }]);
    assert.equal(await rows().count(), 1);
    assert.deepEqual(await shown(0), { character: 'Wren', wardrobe: "grey sou'wester" });
    assert.equal((await ops(page)).length, 7, 'the host\'s document is not sent back as an edit');
  });

  it('rows the file already has: a name spelled otherwise is the same person, one not on the canvas is kept and marked', async () => {
    await openShot([{ character: 'WREN', wardrobe: 'oilskin' }, { character: 'Bo', wardrobe: 'apron' }]);
    assert.equal(await rows().count(), 2);
    assert.deepEqual(await row(0).locator('vscode-option').allTextContents(), ['Ada', 'Tom', 'WREN', 'Mae (not in shot)']);
    assert.deepEqual(await row(1).locator('vscode-option').allTextContents(), ['Ada', 'Tom', 'Wren', 'Mae (not in shot)', 'Bo (not on the canvas)']);
    assert.deepEqual([await shown(0), await shown(1)], [{ character: 'WREN', wardrobe: 'oilskin' }, { character: 'Bo', wardrobe: 'apron' }]);
    // Space on Add presses it and does not scroll the form; the new row is for the one in the shot with none.
    await row(1).locator('vscode-textfield input').click();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'Add costume');
    // Whether the page still owned the key's default (a page-down scroll) once every handler had run.
    await page.evaluate(`window.addEventListener('keydown', (e) => { if (e.key === ' ') window.__spaceScrolls = !e.defaultPrevented; })`);
    await page.keyboard.press(' ');
    await waitOps(1);
    const sent = (await ops(page)).at(-1)!;
    assert.deepEqual(sent.params, { wardrobe: [{ character: 'WREN', wardrobe: 'oilskin' }, { character: 'Bo', wardrobe: 'apron' }, { character: 'Ada', wardrobe: '' }] });
    assert.equal(await page.evaluate('window.__spaceScrolls'), false, 'the key is spent on the button');
    assert.equal(await focused(), 'Costume 3: who wears it');
  });
});
