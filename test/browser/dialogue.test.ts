import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { canvasSuite, node, ops, sendFromHost, waitForOps } from './canvasPage';

type Line = { character: string; line: string };
type Doc = { nodes: { id: string; kind: string; label: string; position: { x: number; y: number }; params: Record<string, unknown> }[]; edges: Record<string, string>[] };

const SCREENS = path.resolve(__dirname, '../../test-results/screens');

/**
 * A shot's dialogue is edited as rows (speaker from the connected characters, the line), by mouse
 * and by keyboard, one op per edit; a dialogue audio card shows the line it speaks and who says it.
 */
describe('dialogue: inspector rows and the audio card, in Chromium', function () {
  this.timeout(90000);
  const canvas = canvasSuite();
  let page: Page;

  /**
   * The film canvas as the host sends it after an edit elsewhere: Shot 2 has two lines, one by Ada
   * (the Keeper, connected) and one by someone not connected; Tom is a second character in the shot;
   * the dialogue audio has no text of its own, so it says Ada's lines.
   */
  async function openFilm(theme = 'dark'): Promise<{ doc: Doc; shot: string; audio: string }> {
    page = await canvas.open(`doc=film&theme=${theme}`);
    const doc = await page.evaluate(() => fetch(`doc.json${location.search}`).then((r) => r.json() as Promise<Doc>));
    const shot = doc.nodes.find((n) => n.label === 'Shot 2 close')!;
    shot.params.dialogue = [{ character: 'Ada', line: 'Again, old friend.' }, { character: 'Wren', line: 'Who keeps the keeper?' }] satisfies Line[];
    const audio = doc.nodes.find((n) => n.kind === 'audio')!;
    audio.params.text = '';
    doc.nodes.push({ id: 'n_tom', kind: 'character', label: 'Tom', position: { x: 320, y: 620 }, params: { ...doc.nodes.find((n) => n.label === 'Keeper')!.params, name: 'Tom' } });
    doc.edges.push({ id: 'e_tom', source: 'n_tom', sourcePort: 'character', target: shot.id, targetPort: 'characters' });
    await sendFromHost(page, { type: 'document', file: 'main.bmad', doc, settings: { snapToGrid: true, showMinimap: true } });
    await page.waitForSelector('.react-flow__node:has-text("Tom")');
    return { doc, shot: shot.id, audio: audio.id };
  }

  const selectShot = async () => {
    await node(page, 'Shot 2 close').click({ position: { x: 120, y: 12 } });
    await page.waitForSelector('.dialogue-row');
  };
  const row = (i: number) => page.locator(`.dialogue-row[data-row="${i}"]`);
  const lastDialogue = async (): Promise<Line[]> => {
    const sent = await ops(page);
    const last = sent.at(-1)!;
    assert.equal(last.type, 'setParams');
    assert.deepEqual(Object.keys(last.params as object), ['dialogue'], 'one param changes: the dialogue');
    return (last.params as { dialogue: Line[] }).dialogue;
  };
  const opCount = async () => (await ops(page)).length;
  const waitOps = (n: number) => waitForOps(page, n);

  it('shows one row per line: speaker picked from the connected characters, and the line', async () => {
    await openFilm();
    await selectShot();
    assert.equal(await page.locator('.dialogue-row').count(), 2);
    assert.equal(await page.locator('.inspector textarea[id$="-dialogue"], .inspector vscode-textarea[id$="-dialogue"]').count(), 0, 'no JSON editor');
    assert.equal(await row(0).locator('vscode-textarea').evaluate((el) => (el as HTMLElement & { value: string }).value), 'Again, old friend.');
    const options = (i: number) => row(i).locator('vscode-option').allTextContents();
    assert.deepEqual(await options(0), ['Ada', 'Tom']);
    assert.deepEqual(await options(1), ['Ada', 'Tom', 'Wren (not connected)'], 'a name already there stays, marked');
  });

  it('picking a speaker with the mouse and editing a line with the keyboard are one op each', async () => {
    await openFilm();
    await selectShot();
    await row(1).locator('vscode-single-select').click();
    await row(1).locator('vscode-single-select .option', { hasText: 'Tom' }).click();
    await waitOps(1);
    assert.deepEqual(await lastDialogue(), [{ character: 'Ada', line: 'Again, old friend.' }, { character: 'Tom', line: 'Who keeps the keeper?' }]);

    await row(0).locator('vscode-textarea textarea').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Again, old friend. One more night.');
    assert.equal(await opCount(), 1, 'typing sends nothing yet');
    await page.keyboard.press('Tab');
    await waitOps(2);
    assert.deepEqual((await lastDialogue())[0], { character: 'Ada', line: 'Again, old friend. One more night.' });
    assert.equal(await opCount(), 2);
  });

  it('the keyboard alone moves, picks a speaker, adds and removes rows, one op each, focus following the row', async () => {
    await openFilm();
    await selectShot();
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent);
    // Into the first line's text, then back to its "Move down" button.
    await row(0).locator('vscode-textarea textarea').click();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    assert.equal(await focused(), 'Move line 1 down');
    await page.keyboard.press('Enter');
    await waitOps(1);
    assert.deepEqual((await lastDialogue()).map((l) => l.character), ['Wren', 'Ada']);
    // The moved line is last now: focus goes with it, to its "Move up" (its "Move down" is disabled).
    assert.equal(await focused(), 'Move line 2 up');
    await page.keyboard.press(' ');
    await waitOps(2);
    assert.deepEqual((await lastDialogue()).map((l) => l.character), ['Ada', 'Wren']);
    assert.equal(await focused(), 'Move line 1 down', 'first again, where "Move up" is disabled');

    // On to the second line's speaker; open its list, go up from Wren to Tom, choose him.
    for (const expected of ['Remove line 1', 'Line 1: what is said', 'Line 2: who speaks']) {
      await page.keyboard.press('Tab');
      assert.equal(await focused(), expected);
    }
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await waitOps(3);
    assert.deepEqual((await lastDialogue()).map((l) => l.character), ['Ada', 'Tom']);

    for (const expected of ['Move line 2 up', 'Remove line 2', 'Line 2: what is said', 'Add line']) {
      await page.keyboard.press('Tab');
      assert.equal(await focused(), expected);
    }
    await page.keyboard.press('Enter');
    await waitOps(4);
    assert.deepEqual((await lastDialogue()).at(-1), { character: 'Ada', line: '' }, 'a new line starts with the first connected character');
    await page.waitForSelector('.dialogue-row[data-row="2"]');

    await row(0).locator('vscode-textarea textarea').click();
    await page.keyboard.press('Shift+Tab');
    assert.equal(await focused(), 'Remove line 1');
    await page.keyboard.press('Enter');
    await waitOps(5);
    assert.deepEqual((await lastDialogue()).map((l) => l.character), ['Tom', 'Ada']);
    assert.equal(await page.locator('.dialogue-row').count(), 2);
    assert.equal(await focused(), 'Remove line 1', 'focus stays in the list, on the row that took its place');
    assert.equal(await opCount(), 5, 'one op per edit, nothing else');
  });

  it('Space on a button of a scrolling inspector presses it and does not scroll the form away', async () => {
    await openFilm();
    await selectShot();
    const inspector = page.locator('.inspector');
    assert.ok(await inspector.evaluate((el) => el.scrollHeight > el.clientHeight), 'the shot form is taller than the pane');
    // Whether the page still owned the key's default (a page-down scroll) once every handler had run.
    await page.evaluate(`window.addEventListener('keydown', (e) => { if (e.key === ' ') window.__spaceScrolls = !e.defaultPrevented; })`);
    const top = await inspector.evaluate((el) => el.scrollTop);
    await row(0).locator('vscode-textarea textarea').click();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Move line 1 down');
    const before = await inspector.evaluate((el) => el.scrollTop);
    await page.keyboard.press(' ');
    await waitOps(1);
    assert.deepEqual((await lastDialogue()).map((l) => l.character), ['Wren', 'Ada'], 'the button was pressed');
    assert.equal(await page.evaluate('window.__spaceScrolls'), false, 'the key is spent on the button');
    assert.equal(await inspector.evaluate((el) => el.scrollTop), before, `the form stays where it was (it started at ${top})`);
  });

  it('a dialogue audio card shows the line it speaks and who speaks it, and follows edits to the shot', async () => {
    const { audio } = await openFilm();
    const card = page.locator(`.react-flow__node[data-id="${audio}"]`);
    await page.evaluate(() => window.__bmadCanvas!.setViewport({ x: -800, y: -250, zoom: 1.2 }));
    await card.locator('.spoken-line').waitFor();
    assert.equal(await card.locator('.spoken-speaker').innerText(), 'Ada');
    assert.equal(await card.locator('.spoken-text').textContent(), 'Again, old friend.');
    await selectShot();
    fs.mkdirSync(SCREENS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENS, 'dialogue-dark.png') });

    await row(0).locator('vscode-textarea textarea').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('The lamp, then.');
    await page.keyboard.press('Tab');
    await page.waitForFunction((id) => document.querySelector(`.react-flow__node[data-id="${id}"] .spoken-text`)?.textContent === 'The lamp, then.', audio);
  });

  it('the audio card says who speaks when the line is its own, and nothing of the kind for music', async () => {
    const { doc, audio } = await openFilm('light');
    const a = doc.nodes.find((n) => n.id === audio)!;
    a.params.text = 'Hold the light steady.';
    doc.nodes.push({ id: 'n_music', kind: 'audio', label: 'Theme', position: { x: 1280, y: 1040 }, params: { ...a.params, mode: 'music', text: 'low strings' } });
    await sendFromHost(page, { type: 'document', file: 'main.bmad', doc, settings: { snapToGrid: true, showMinimap: true } });
    await page.evaluate(() => window.__bmadCanvas!.setViewport({ x: -800, y: -250, zoom: 1.2 }));
    const card = page.locator(`.react-flow__node[data-id="${audio}"]`);
    await page.waitForFunction((id) => document.querySelector(`.react-flow__node[data-id="${id}"] .spoken-text`)?.textContent === 'Hold the light steady.', audio);
    assert.equal(await card.locator('.spoken-speaker').innerText(), 'Ada');
    await selectShot();
    await page.screenshot({ path: path.join(SCREENS, 'dialogue-light.png') });
    const music = page.locator('.react-flow__node[data-id="n_music"]');
    await page.evaluate(() => window.__bmadCanvas!.setViewport({ x: -800, y: -700, zoom: 1.2 }));
    await music.locator('.card-summary').waitFor();
    assert.equal(await music.locator('.spoken-line').count(), 0);
    assert.equal(await music.locator('.card-summary').textContent(), 'mode musictext low strings', 'its params, as before');
  });
});
