// The flow as a person does it, in real VS Code: add two nodes from the command palette,
// connect them by dragging between their ports, save with Ctrl+S, undo with Ctrl+Z pressed on the
// canvas, and open a corrupt file. Everything goes through the keyboard, the mouse and the webview's
// DOM; the file on disk is read to check what the user would get.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Frame, Locator } from 'playwright-core';

type Box = { x: number; y: number; width: number; height: number };
import { parseDocument, serializeDocument, type BmadDocument } from '../../../core';
import { session, until } from './session';

const EMPTY = '{\n  "version": 1,\n  "nodes": [],\n  "edges": []\n}\n';

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

/** The boxes of these elements once two reads a frame or more apart agree (nothing is moving). */
async function restingBoxes(one: Locator, two: Locator): Promise<[Box, Box] | undefined> {
  const read = () => Promise.all([one.boundingBox(), two.boundingBox()]);
  const [a, b] = await read();
  await one.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const again = await read();
  if (!a || !b || JSON.stringify([a, b]) !== JSON.stringify(again)) return undefined;
  return [a, b];
}

async function addNode(frame: Frame, kindTitle: string): Promise<void> {
  const s = session();
  await s.runCommand('BMAD: Add Node');
  // Type only once the quick pick is up, and pick only once the filter has narrowed it to the kind.
  const input = s.page.locator('.quick-input-widget input[placeholder="Kind of node"]');
  await input.waitFor();
  await input.fill(kindTitle);
  await s.page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: kindTitle }).waitFor();
  await s.page.keyboard.press('Enter');
  await frame.locator('.react-flow__node', { hasText: kindTitle }).first().waitFor();
}

describe('canvas editor flow (UI)', () => {
  it('adds two nodes, connects them, saves canonical text, and Ctrl+Z undoes exactly one step', async () => {
    const s = session();
    const file = path.join(s.workspace, 'flow.bmad');
    fs.writeFileSync(file, EMPTY);
    await s.quickOpen('flow.bmad');
    const frame = await s.webview();
    await frame.locator('.react-flow__pane').waitFor();

    await addNode(frame, 'Image');
    await addNode(frame, 'Video');
    // Zoom in first, so that the fit after the layout must move the view: that move is the sign that
    // the laid-out document has arrived (the host sends it before the fit).
    const viewport = frame.locator('.react-flow__viewport');
    const before = await viewport.getAttribute('style');
    await frame.getByRole('button', { name: 'Zoom In' }).click();
    await until('the zoom to change', async () => (await viewport.getAttribute('style')) !== before);
    const zoomed = await viewport.getAttribute('style');
    await s.runCommand('BMAD: Auto Layout');
    await s.runCommand('BMAD: Fit View');
    await until('the view to fit the laid-out canvas', async () => (await viewport.getAttribute('style')) !== zoomed);

    const image = frame.locator('.react-flow__node', { hasText: 'Image' }).first();
    const video = frame.locator('.react-flow__node', { hasText: 'Video' }).first();
    // The layout and the fit arrive as messages: drag only once both ports have come to rest.
    const [a, b] = await until('the laid-out ports to come to rest', () => restingBoxes(
      image.locator('.react-flow__handle[data-handleid="image"]'),
      video.locator('.react-flow__handle[data-handleid="image"]'),
    ));
    // The webview is an iframe inside an iframe; boundingBox is already in page coordinates.
    await s.page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await s.page.mouse.down();
    await s.page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
    await s.page.mouse.up();
    await frame.locator('.react-flow__edge').first().waitFor();
    await s.webviewScreenshot('flow-connected');

    await s.page.keyboard.press('Control+S');
    const saved = await until('the save to reach the disk', () => {
      const d = readDocWhenWhole(file);
      return d?.edges.length === 1 && d;
    });
    const text = fs.readFileSync(file, 'utf8');
    assert.equal(serializeDocument(saved), text, 'the file on disk is canonical');
    assert.deepEqual(saved.nodes.map((n) => n.kind).sort(), ['image', 'video']);
    assert.deepEqual([saved.edges[0]!.sourcePort, saved.edges[0]!.targetPort], ['image', 'image']);

    // Undo from the keyboard with the canvas focused: VS Code owns undo; one press is one step.
    // Any click inside the webview gives it focus; the legend in that corner takes the click itself.
    await frame.locator('.react-flow__pane').click({ position: { x: 20, y: 20 }, force: true });
    await s.page.keyboard.press('Control+Z');
    await frame.locator('.react-flow__edge').first().waitFor({ state: 'detached' });
    // A second undo, had the key also reached the workbench, would travel the same way as the next
    // edit: nudge the selected image node from the canvas, save, and wait for that on disk.
    await image.locator('.card-header').click();
    await s.page.keyboard.press('ArrowRight');
    await s.page.keyboard.press('Control+S');
    const imageId = saved.nodes.find((n) => n.kind === 'image')!.id;
    const movedX = saved.nodes.find((n) => n.id === imageId)!.position.x + 1;
    const afterUndo = await until('the undone and nudged text on disk', () => {
      const d = readDocWhenWhole(file);
      return d?.nodes.find((n) => n.id === imageId)?.position.x === movedX && d;
    });
    assert.equal(afterUndo.edges.length, 0, 'the connection is undone');
    assert.equal(await frame.locator('.react-flow__node', { hasText: 'Video' }).count(), 1, 'one press undid one step, not two');
    // A second undo would also take back the Auto Layout move: the positions must be those saved above.
    const nudgedBack = afterUndo.nodes.map((n) => (n.id === imageId ? { ...n, position: { ...n.position, x: n.position.x - 1 } } : n));
    assert.deepEqual(nudgedBack, saved.nodes, 'one press undid one step, not two');
    await s.webviewScreenshot('flow-after-undo');
  });

  it('a corrupt .bmad opens as the error view with its location, and its bytes stay the same', async () => {
    const s = session();
    const file = path.join(s.workspace, 'corrupt.bmad');
    const bytes = '{\n  "version": 1,\n  "nodes": [\n    { "id": "n_x", "kind": "image" \n  ],\n  "edges": []\n}\n';
    fs.writeFileSync(file, bytes);
    await s.quickOpen('corrupt.bmad');
    const frame = await s.webview();
    const view = frame.locator('.error-view');
    await view.waitFor();
    assert.match(await view.innerText(), /corrupt\.bmad:5:3/);
    assert.equal(await frame.getByRole('button', { name: /Open as Text/ }).count(), 1);
    // Add Node on a file that does not parse is refused: its error message is the acknowledgement.
    await s.runCommand('BMAD: Add Node');
    await s.page.locator('.quick-input-widget input[placeholder="Kind of node"]').waitFor();
    await s.page.keyboard.press('Enter');
    await s.page.locator('.notifications-toasts', { hasText: 'the file has errors' }).waitFor();
    await s.page.keyboard.press('Control+S');
    await s.webviewScreenshot('corrupt-error-view');
    assert.equal(await s.page.locator('.tab.dirty', { hasText: 'corrupt.bmad' }).count(), 0, 'the editor has no unsaved change');
    assert.equal(fs.readFileSync(file, 'utf8'), bytes);
  });
});
