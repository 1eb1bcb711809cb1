// The flow as a person does it, in real VS Code: add two nodes from the command palette,
// connect them by dragging between their ports, save with Ctrl+S, undo with Ctrl+Z pressed on the
// canvas, and open a corrupt file. Everything goes through the keyboard, the mouse and the webview's
// DOM; the file on disk is read to check what the user would get.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Frame } from 'playwright-core';
import { parseDocument, serializeDocument, type BmadDocument } from '../../../core';
import { session } from './session';

const EMPTY = '{\n  "version": 1,\n  "nodes": [],\n  "edges": []\n}\n';

function readDoc(file: string): BmadDocument {
  const r = parseDocument(fs.readFileSync(file, 'utf8'));
  if (!r.ok) throw new Error(`${file} does not parse: ${JSON.stringify(r.issues)}`);
  return r.doc;
}

async function until<T>(what: string, probe: () => Promise<T | undefined | false> | T | undefined | false, ms = 15000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
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
    await s.runCommand('BMAD: Auto Layout');
    await s.runCommand('BMAD: Fit View');
    await new Promise((r) => setTimeout(r, 600));

    const image = frame.locator('.react-flow__node', { hasText: 'Image' }).first();
    const video = frame.locator('.react-flow__node', { hasText: 'Video' }).first();
    const a = await image.locator('.react-flow__handle[data-handleid="image"]').boundingBox();
    const b = await video.locator('.react-flow__handle[data-handleid="image"]').boundingBox();
    assert.ok(a && b, 'both ports are on screen');
    // The webview is an iframe inside an iframe; boundingBox is already in page coordinates.
    await s.page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await s.page.mouse.down();
    await s.page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
    await s.page.mouse.up();
    await frame.locator('.react-flow__edge').first().waitFor();
    await s.webviewScreenshot('flow-connected');

    await s.page.keyboard.press('Control+S');
    const saved = await until('the save to reach the disk', () => {
      const d = readDoc(file);
      return d.edges.length === 1 && d;
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
    await new Promise((r) => setTimeout(r, 800));
    assert.equal(await frame.locator('.react-flow__edge').count(), 0, 'the connection is undone');
    assert.equal(await frame.locator('.react-flow__node', { hasText: 'Video' }).count(), 1, 'one press undid one step, not two');
    await s.page.keyboard.press('Control+S');
    const afterUndo = await until('the undone text on disk', () => {
      const d = readDoc(file);
      return d.edges.length === 0 && d;
    });
    // A second undo would also take back the Auto Layout move: the positions must be those saved above.
    assert.deepEqual(afterUndo.nodes, saved.nodes, 'one press undid one step, not two');
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
    await s.runCommand('BMAD: Add Node').catch(() => undefined);
    await s.page.keyboard.press('Escape');
    await s.page.keyboard.press('Control+S');
    await new Promise((r) => setTimeout(r, 500));
    await s.webviewScreenshot('corrupt-error-view');
    assert.equal(fs.readFileSync(file, 'utf8'), bytes);
  });
});
