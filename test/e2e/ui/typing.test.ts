// Typing in the inspector, as a person types: capitals with a real Shift held down. VS Code forwards
// every keydown from a webview to the workbench, so a workbench keybinding on Shift+A or Shift+G would
// fire in the middle of a word (it did: "A Gull flies Away" opened Add Node, "Grainy" started a render).
// The canvas shortcuts must work on the canvas and never while a text field has the focus.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { paramOf, parseDocument, type BmadDocument, type BmadNode } from '../../../core';
import { MAIN_CANVAS, writeProjectTemplate } from '../../../runner/projectLayout';
import { session, until } from './session';

function readDoc(file: string): BmadDocument {
  const r = parseDocument(fs.readFileSync(file, 'utf8'));
  if (!r.ok) throw new Error(`${file} does not parse: ${JSON.stringify(r.issues)}`);
  return r.doc;
}

/** The document on disk, or undefined while a save is half-written (VS Code writes in place). */
function readDocWhenWhole(file: string): BmadDocument | undefined {
  const r = parseDocument(fs.readFileSync(file, 'utf8'));
  return r.ok ? r.doc : undefined;
}

const nodeOf = (doc: BmadDocument, kind: BmadNode['kind']): BmadNode => {
  const n = doc.nodes.find((x) => x.kind === kind);
  if (!n) throw new Error(`no ${kind} node`);
  return n;
};

/** Types text key by key; a capital letter is Shift held down with the letter, as on a keyboard. */
async function typeAsPerson(page: Page, text: string): Promise<void> {
  for (const ch of text) {
    if (/[A-Z]/.test(ch)) {
      await page.keyboard.down('Shift');
      await page.keyboard.press(`Key${ch}`);
      await page.keyboard.up('Shift');
    } else {
      await page.keyboard.press(ch === ' ' ? 'Space' : ch);
    }
  }
}

/** Selects a node by clicking its card's title, then waits for its form in the inspector. */
async function selectCard(frame: Frame, node: BmadNode): Promise<void> {
  await frame.locator(`.react-flow__node[data-id="${node.id}"] .card-header`).click();
  await frame.locator(`#label-${node.id}`).waitFor();
}

/** Saves with Ctrl+S and waits until the file on disk satisfies `done`: the acknowledgement. */
async function saveAndRead(page: Page, file: string, done: (d: BmadDocument) => boolean): Promise<BmadDocument> {
  await page.keyboard.press('Control+S');
  return until('the save to reach the disk', () => {
    const d = readDocWhenWhole(file);
    return d && done(d) && d;
  });
}

describe('typing in the canvas webview (UI)', () => {
  it('capitals typed with Shift in the inspector stay text; Shift+A and Shift+G work on the canvas', async () => {
    const s = session();
    const root = path.join(s.workspace, 'typing-film');
    await writeProjectTemplate(root, { name: 'Typing', defaultTier: 'low' });
    const file = path.join(root, MAIN_CANVAS);
    const before = readDoc(file);
    const shot = nodeOf(before, 'shot');
    const image = nodeOf(before, 'image');
    await s.quickOpen(`typing-film/${MAIN_CANVAS}`);
    const frame = await s.webview();
    await frame.locator('.react-flow__node').first().waitFor();

    // 1. A label with capital A and G, typed into the inspector's text field and committed with Enter.
    await selectCard(frame, shot);
    await frame.locator(`#label-${shot.id}`).click();
    await s.page.keyboard.press('End');
    await typeAsPerson(s.page, ' A Gull flies Away');
    await s.page.keyboard.press('Enter');
    const afterLabel = await saveAndRead(s.page, file, (d) => nodeOf(d, 'shot').label !== shot.label);
    assert.equal(nodeOf(afterLabel, 'shot').label, `${shot.label} A Gull flies Away`, 'every key went into the label');
    assert.equal(afterLabel.nodes.length, before.nodes.length, 'Add Node did not run');
    assert.equal(await s.page.locator('.quick-input-widget').isVisible(), false, 'no quick pick opened');

    // 2. "Grainy" in a textarea (a negative prompt), committed by leaving the field with Tab.
    await selectCard(frame, image);
    await frame.locator(`#param-${image.id}-negativePrompt`).click();
    await s.page.keyboard.press('Control+End');
    await typeAsPerson(s.page, ' Grainy');
    await s.page.keyboard.press('Tab');
    const afterPrompt = await saveAndRead(s.page, file, (d) => paramOf(nodeOf(d, 'image'), 'negativePrompt') !== paramOf(image, 'negativePrompt'));
    assert.equal(paramOf(nodeOf(afterPrompt, 'image'), 'negativePrompt'), `${String(paramOf(image, 'negativePrompt'))} Grainy`);
    assert.equal(fs.existsSync(path.join(root, '.bmad-cache')), false, 'Generate Node did not start a render');

    // 3. Ctrl+Z inside a text field undoes the typing there, not a canvas step.
    const label = frame.locator(`#label-${shot.id}`);
    await selectCard(frame, shot);
    await label.click();
    await s.page.keyboard.press('End');
    await typeAsPerson(s.page, 'xyz');
    await s.page.keyboard.press('Control+Z');
    await until('the typing to be undone in the field', async () => !(await label.evaluate((el) => (el as HTMLInputElement).value)).endsWith('xyz'));
    // Acknowledged by a later edit: move the shot with an arrow key from the canvas, save, and read it back.
    await s.page.keyboard.press('Escape');
    await frame.locator(`.react-flow__node[data-id="${shot.id}"] .card-header`).click();
    await s.page.keyboard.press('ArrowRight');
    const afterUndo = await saveAndRead(s.page, file, (d) => nodeOf(d, 'shot').position.x !== shot.position.x);
    assert.equal(nodeOf(afterUndo, 'shot').label, `${shot.label} A Gull flies Away`, 'the canvas kept the label edit');
    assert.equal(paramOf(nodeOf(afterUndo, 'image'), 'negativePrompt'), `${String(paramOf(image, 'negativePrompt'))} Grainy`, 'no canvas step was undone');

    // 4. On the canvas itself the shortcuts work: Shift+A asks for a kind, Shift+G renders the selection.
    await s.page.keyboard.down('Shift');
    await s.page.keyboard.press('KeyA');
    await s.page.keyboard.up('Shift');
    await s.page.locator('.quick-input-widget input[placeholder="Kind of node"]').waitFor();
    await s.page.keyboard.press('Escape');
    await selectCard(frame, image);
    await s.page.keyboard.down('Shift');
    await s.page.keyboard.press('KeyG');
    await s.page.keyboard.up('Shift');
    // No host is configured: the render asks before it makes the GPU tier's image with the CPU preview.
    const dialog = s.page.locator('.monaco-dialog-box').filter({ hasText: 'No configured host can run' });
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /image at tier low: image\.low@1 needs the container backend and a GPU with 8 GB of VRAM/);
    await dialog.getByRole('button', { name: 'Render with CPU Preview' }).click();
    await until('Generate Node to render the image', () => fs.existsSync(path.join(root, 'render.lock')), 60000);
    // The badge says where it was made, and its tooltip what it stands in for.
    const badge = frame.locator(`.react-flow__node[data-id="${image.id}"] .bmad-render-badge`);
    await until('the image to show as made by the CPU preview, in place of its tier', async () =>
      (await badge.innerText()) === 'done · CPU preview' && /in place of image\.low@1/.test((await badge.getAttribute('title')) ?? ''));
    assert.match((await badge.getAttribute('title')) ?? '', /^done: made by preview\.image@1 in place of image\.low@1[^]*\nmade on this computer by the CPU preview \(preview\.image@1\)$/);
    await s.webviewScreenshot('typing-after-generate');
  });
});
