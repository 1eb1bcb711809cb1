import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { node, posted, sendFromHost } from '../canvasPage';
import { canvasSessionSuite } from './canvasSession';

const SCREENS = path.resolve(__dirname, '../../../test-results/screens');

/**
 * Presence between two real canvases (the production webview bundle, each page its own browser
 * context) in a session through a real `bmad signal`: what B sees of A.
 */
describe('presence: the other peer on the canvas, in Chromium', function () {
  this.timeout(120000);
  const { canvas, inSession: inRoom } = canvasSessionSuite();

  const inSession = (theme: 'dark' | 'light') => inRoom(`presence-${theme}`, theme);

  const idOf = (page: Page, label: string) => node(page, label).getAttribute('data-id') as Promise<string>;

  it("B sees A's pointer, selection and inspector focus in A's colour, and none of it once A leaves", async () => {
    const [a, b] = await inSession('dark');
    const status = (await posted(b, 'collabStatus')).at(-1) as { names?: string[] };
    assert.deepEqual(status.names, ['Ada Lovelace'], "B's status bar tooltip names A");

    // Pointer: both pages open the same canvas at the same size, so the same screen point is the same flow point.
    const card = await node(a, 'Keyframe 1').boundingBox();
    assert.ok(card);
    const at = { x: card.x + card.width / 2, y: card.y + card.height + 40 };
    await a.mouse.move(at.x - 30, at.y - 30);
    await a.mouse.move(at.x, at.y, { steps: 5 });
    const chip = b.locator('.peer-pointer', { hasText: 'Ada Lovelace' });
    await b.waitForFunction(({ x, y }) => {
      const el = document.querySelector('.peer-pointer');
      const r = el?.getBoundingClientRect();
      return !!r && Math.abs(r.left - x) < 3 && Math.abs(r.top - y) < 3;
    }, at);
    const chipBox = await chip.boundingBox();
    assert.ok(chipBox && Math.abs(chipBox.x - at.x) < 3 && Math.abs(chipBox.y - at.y) < 3, `the pointer is where A moved: ${JSON.stringify(chipBox)} vs ${JSON.stringify(at)}`);

    // Selection: A selects "Keyframe 2"; B sees an outline on that card with A's initials.
    const id = await idOf(a, 'Keyframe 2');
    await node(a, 'Keyframe 2').click({ position: { x: 120, y: 12 } });
    const outline = b.locator(`.peer-outline[data-node="${id}"]`);
    await outline.waitFor();
    assert.equal(await outline.innerText(), 'AL');
    const [o, c] = [await outline.boundingBox(), await node(b, 'Keyframe 2').boundingBox()];
    assert.ok(o && c && Math.abs(o.x - c.x) < 2 && Math.abs(o.y - c.y) < 2 && Math.abs(o.width - c.width) < 2, 'the outline is on the card');
    assert.equal(await b.locator('.peer-outline').count(), 1, 'only the card A selected');
    assert.equal(await outline.evaluate((el) => getComputedStyle(el).outlineColor), await chip.locator('.peer-chip').evaluate((el) => getComputedStyle(el).backgroundColor));
    await b.locator(`.minimap-peer[data-node="${id}"]`).waitFor();

    // Editing: A's focus in an inspector field shows "✎ Ada Lovelace" on that card at B.
    await a.locator('vscode-textfield[id^="label-"] input').focus();
    const editing = b.locator(`.peer-editing[data-node="${id}"]`);
    await editing.waitFor();
    assert.equal(await editing.innerText(), '✎ Ada Lovelace');
    await a.mouse.move(at.x + 10, at.y + 10);
    fs.mkdirSync(SCREENS, { recursive: true });
    await b.screenshot({ path: path.join(SCREENS, 'presence-dark.png') });
    // Focus leaving the inspector ends it.
    await a.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await editing.waitFor({ state: 'detached' });

    await node(a, 'Keyframe 2').click({ position: { x: 120, y: 12 } });
    await outline.waitFor();
    await sendFromHost(a, { type: 'collabLeave' });
    await b.locator('.peer-pointer, .peer-outline, .peer-editing, .minimap-peer').first().waitFor({ state: 'detached' });
    assert.equal(await b.locator('.peer-pointer, .peer-outline, .peer-editing, .minimap-peer').count(), 0);
    await b.waitForFunction(() => (window as unknown as { __posted: { type: string; names?: string[] }[] }).__posted
      .filter((m) => m.type === 'collabStatus').at(-1)?.names?.length === 0);
  });

  it("A's outline at B follows A's card when A moves it, and is not re-rendered when another card moves", async () => {
    const [a, b] = await inSession('dark');
    const id = await idOf(a, 'Keyframe 2');
    await node(a, 'Keyframe 2').click({ position: { x: 120, y: 12 } });
    const outline = b.locator(`.peer-outline[data-node="${id}"]`);
    await outline.waitFor();
    const renders = () => b.evaluate(() => window.__bmadCanvas!.stats().peerMarkRenders);

    // B moves another card itself: that change reaches B's view; A's mark on Keyframe 2 has no reason to render.
    // (B selecting the card changes B's own presence, which re-reads every peer's: counted from after it.)
    const other = node(b, 'Keyframe 1');
    const x0 = (await other.boundingBox())!.x;
    await other.click({ position: { x: 120, y: 12 } });
    await b.evaluate(() => new Promise(requestAnimationFrame));
    const before = await renders();
    await b.keyboard.press('ArrowRight');
    await b.waitForFunction((x) => document.querySelector<HTMLElement>('.react-flow__node.selected')!.getBoundingClientRect().x > x, x0);
    await b.evaluate(() => new Promise(requestAnimationFrame));
    assert.equal(await renders(), before, 'moving Keyframe 1 re-rendered no outline');

    // A nudges its selected card: at B the outline moves with it.
    const card = node(b, 'Keyframe 2');
    const c0 = (await card.boundingBox())!.x;
    await a.keyboard.press('ArrowRight');
    await b.waitForFunction(([nodeId, x]) => document.querySelector(`.react-flow__node[data-id="${nodeId}"]`)!.getBoundingClientRect().x > x, [id, c0] as const);
    await b.evaluate(() => new Promise(requestAnimationFrame));
    const [o, c] = [await outline.boundingBox(), await card.boundingBox()];
    assert.ok(o && c && Math.abs(o.x - c.x) < 2 && Math.abs(o.y - c.y) < 2, `the outline is on the moved card: ${JSON.stringify(o)} vs ${JSON.stringify(c)}`);
  });

  it('the chips read on a light theme too', async () => {
    const [a, b] = await inSession('light');
    const card = await node(a, 'Shot 1 wide').boundingBox();
    assert.ok(card);
    await node(a, 'Shot 1 wide').click({ position: { x: 120, y: 12 } });
    await a.mouse.move(card.x + card.width + 60, card.y + 40, { steps: 4 });
    await b.locator('.peer-outline').waitFor();
    await b.locator('.peer-pointer').waitFor();
    const [fg, bg] = await b.locator('.peer-pointer .peer-chip').evaluate((el) => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor]);
    assert.notEqual(fg, bg);
    await b.screenshot({ path: path.join(SCREENS, 'presence-light.png') });
  });

  it("Live Share's relay: the canvas sends its presence to the host and draws the peers the host sends", async () => {
    const page = await canvas.open('doc=film');
    await sendFromHost(page, { type: 'presenceRelay', user: { name: 'Guest Two' }, colour: '#8e4ec6' });
    const id = await idOf(page, 'Clip 1');
    await node(page, 'Clip 1').click({ position: { x: 120, y: 12 } });
    type Sent = { type: string; state?: { name: string; colour: string; selection: string[] } };
    await page.waitForFunction((nodeId) => (window as unknown as { __posted: Sent[] }).__posted
      .some((m) => m.type === 'presence' && m.state?.selection.includes(nodeId)), id);
    const last = (await posted(page, 'presence')).at(-1) as Sent;
    assert.deepEqual([last.state?.name, last.state?.colour], ['Guest Two', '#8e4ec6']);
    const host = { id: 1, name: 'Host Person', colour: '#12a594', pointer: { x: 0, y: 0 }, selection: [id], editing: id };
    await sendFromHost(page, { type: 'presencePeers', peers: [host] });
    await page.locator(`.peer-outline[data-node="${id}"]`).waitFor();
    assert.equal(await page.locator(`.peer-editing[data-node="${id}"]`).innerText(), '✎ Host Person');
    assert.equal(await page.locator('.peer-pointer').innerText(), 'Host Person');
    await sendFromHost(page, { type: 'presenceRelayEnd' });
    await page.locator('.peer-pointer').waitFor({ state: 'detached' });
    assert.equal(await page.locator('.peer-outline, .peer-editing').count(), 0);
  });
});
