import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { canvasSuite, dragHandle, node, ops, posted, sendFromHost, waitForOps } from './canvasPage';

type Doc = { nodes: { id: string; label: string; params: Record<string, unknown> }[] };

const SCREENS = path.resolve(__dirname, '../../test-results/screens');
const SETTINGS = { snapToGrid: true, showMinimap: true };
const ACTION = 'Ada lights the lamp.';
const SHOT = 'Shot 2 as sent';

/**
 * A canvas shown read-only (the older side of VS Code's diff, a version from git): its inspector shows
 * every field as it was, text selectable and copyable but not editable, choices inert, no row buttons,
 * and one line that says why; its cards do not drag. A writable canvas in compare mode is locked the
 * same way, with its own line, and keeps its Restore. The writable canvas, same steps, still edits.
 */
describe('a read-only canvas: the inspector and the cards take no edit, in Chromium', function () {
  this.timeout(90000);
  const canvas = canvasSuite();
  let page: Page;

  /**
   * The film canvas as the host sends it, Shot 2 with a line, a costume and a prop; from git when
   * `readOnly` is given; compared with HEAD (Shot 2's duration changed from 4 to its 3) when `compared`.
   */
  async function openFilm(readOnly?: string, compared = false): Promise<string> {
    page = await canvas.open('doc=film', { size: { width: 1600, height: 1500 } });
    const doc = await page.evaluate(() => fetch(`doc.json${location.search}`).then((r) => r.json() as Promise<Doc>));
    const shot = doc.nodes.find((n) => n.label === 'Shot 2 close')!;
    shot.label = SHOT;
    Object.assign(shot.params, {
      dialogue: [{ character: 'Ada', line: 'Again, old friend.' }],
      wardrobe: [{ character: 'Ada', wardrobe: 'oilskin coat' }],
      props: ['storm lantern'],
    });
    const shown = { file: 'main.bmad', doc, settings: SETTINGS, ...(readOnly && { readOnly }) };
    await sendFromHost(page, compared
      ? { type: 'compare', ...shown, against: 'HEAD', marks: { [shot.id]: 'changed' }, changes: { [shot.id]: [{ key: 'duration', before: '4', after: String(shot.params.duration) }] }, order: [shot.id] }
      : { type: 'document', ...shown });
    await node(page, SHOT).waitFor();
    return shot.id;
  }

  const selectShot = async () => {
    await node(page, SHOT).click({ position: { x: 120, y: 12 } });
    await page.locator('.inspector .dialogue-row').waitFor();
  };
  const field = (shot: string, key: string) => page.locator(`[id="param-${shot}-${key}"]`);
  const valueOf = (shot: string, key: string) => field(shot, key).evaluate((el) => (el as HTMLElement & { value: string }).value);

  /** Types at the end of the shot's action as a person would, and leaves the field with Tab (where an edit commits). */
  async function typeIntoAction(shot: string): Promise<void> {
    await field(shot, 'action').locator('textarea, input').click();
    await page.keyboard.press('End');
    await page.keyboard.type(' It goes out.');
    await page.keyboard.press('Tab');
  }

  /**
   * An acknowledgement that the gestures before it are done with: a click on another card posts its
   * selection, after anything those gestures posted.
   */
  async function settle(): Promise<void> {
    const before = (await posted(page, 'selection')).length;
    await node(page, 'Keeper').click({ position: { x: 120, y: 12 } });
    await page.waitForFunction((n) => (window as unknown as { __posted: { type: string }[] }).__posted.filter((m) => m.type === 'selection').length > n, before);
  }

  /** Where a card is drawn (its transform) before a drag, and while the mouse still holds it 80 px further. */
  async function dragHalfway(label: string): Promise<{ before: string; during: string }> {
    const card = node(page, label);
    const transform = () => card.evaluate((el) => (el as HTMLElement).style.transform);
    const before = await transform();
    const box = (await card.boundingBox())!;
    await page.mouse.move(box.x + 100, box.y + 12);
    await page.mouse.down();
    await page.mouse.move(box.x + 180, box.y + 92, { steps: 10 });
    // Two frames drawn since the last move: whatever the drag changes is on screen by then.
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    const during = await transform();
    await page.mouse.up();
    return { before, during };
  }

  const focusedId = () => page.evaluate(() => document.activeElement?.id ?? '');

  /**
   * The inspector of a canvas that takes no edit: typing changes no field and sends nothing, choices are
   * disabled, rows have no buttons, and `line` says why; `screen` is its screenshot's name.
   */
  async function inspectorTakesNoEdit(shot: string, line: string, screen: string): Promise<void> {
    await selectShot();
    assert.equal(await page.locator('.inspector .inspector-readonly').innerText(), line);

    await typeIntoAction(shot);
    assert.equal(await valueOf(shot, 'action'), ACTION, 'the typed text did not go in');
    // Tab walks on: past the disabled framing and camera choices, to the duration (read-only, focusable).
    assert.equal(await focusedId(), `param-${shot}-duration`);

    // The text can still be selected and copied out of the version shown.
    await field(shot, 'action').locator('textarea, input').click();
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Control+c');
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), ACTION);

    const inspector = page.locator('.inspector');
    const textFields = inspector.locator('vscode-textfield, vscode-textarea');
    assert.ok(await textFields.count() >= 7, 'label, number, action, duration, dialogue line, costume, prop');
    assert.deepEqual(await textFields.evaluateAll((els) => els.filter((el) => !(el as HTMLElement & { readonly: boolean }).readonly).map((el) => el.id || el.getAttribute('aria-label'))), [], 'every text field read-only');
    const selects = inspector.locator('vscode-single-select');
    assert.equal(await selects.count(), 4, 'framing, camera, who speaks, who wears it');
    assert.deepEqual(await selects.evaluateAll((els) => els.map((el) => el.getAttribute('aria-disabled'))), ['true', 'true', 'true', 'true']);
    assert.equal(await inspector.locator('vscode-button').count(), 0, 'no Add, Remove or move buttons on the dialogue, costume or prop rows');

    fs.mkdirSync(SCREENS, { recursive: true });
    await inspector.screenshot({ path: path.join(SCREENS, `${screen}.png`) });

    await settle();
    assert.deepEqual(await ops(page), [], 'no op reached the host');
    assert.doesNotMatch(await page.locator('.status-bar').innerText(), /read-only|comparing/, 'nothing had to be refused');
  }

  it('read-only: typing changes no field and sends nothing, choices are disabled, rows have no buttons, a line says why', async () => {
    const shot = await openFilm('git 1a2b3c4');
    await inspectorTakesNoEdit(shot, 'Read-only: git 1a2b3c4', 'inspector-read-only');
  });

  it('compare on a writable canvas: the inspector takes no edit just the same, says to close the compare, and keeps Restore', async () => {
    const shot = await openFilm(undefined, true);
    await inspectorTakesNoEdit(shot, 'Comparing: close the compare to edit', 'inspector-compare');
    await selectShot();
    assert.match(await page.locator('.inspector-changes').innerText(), /Changed since HEAD[\s\S]*duration: 4 → 3/);
    assert.equal(await page.locator('.inspector-restore').innerText(), 'Restore from HEAD', 'restoring is what a compare is for');
  });

  it('writable: the same typing edits the action (one op), and the rows have their Add buttons', async () => {
    const shot = await openFilm();
    await selectShot();
    assert.equal(await page.locator('.inspector-readonly').count(), 0);
    assert.equal(await page.locator('.dialogue-editor vscode-button', { hasText: 'Add line' }).count(), 1);
    assert.equal(await page.locator('.wardrobe-editor vscode-button', { hasText: 'Add costume' }).count(), 1);

    await typeIntoAction(shot);
    await waitForOps(page, 1);
    assert.deepEqual(await ops(page), [{ type: 'setParams', id: shot, params: { action: `${ACTION} It goes out.` } }]);
    assert.equal(await valueOf(shot, 'action'), `${ACTION} It goes out.`);
  });

  /** A card dragged does not move, even while held, a port dragged connects nothing, nothing is sent or refused. */
  async function cardsTakeNoEdit(): Promise<void> {
    const held = await dragHalfway('Film');
    assert.equal(held.during, held.before, 'the card stayed where the version has it');
    await dragHandle(page, { label: 'Night blues', handle: 'style' }, { label: 'Shot 1 wide', handle: 'style' });
    await settle();
    assert.deepEqual(await ops(page), []);
    assert.equal(await page.locator('.react-flow__edge.port-style').count(), 2, 'no new edge drawn');
    assert.doesNotMatch(await page.locator('.status-bar').innerText(), /read-only|comparing/, 'no gesture got as far as being refused');
  }

  it('read-only and compared: a card dragged does not move, even while held, a port dragged connects nothing; writable it moves', async () => {
    await openFilm('git 1a2b3c4');
    await cardsTakeNoEdit();
    await openFilm(undefined, true);
    await cardsTakeNoEdit();

    await openFilm();
    const moved = await dragHalfway('Film');
    assert.notEqual(moved.during, moved.before, 'on a writable canvas the same drag moves the card');
    await waitForOps(page, 1);
    assert.deepEqual((await ops(page)).map((o) => o.type), ['move']);
  });
});
