// What the editor tells a person around a render, in the real extension host and workbench: Render
// hides on a canvas with errors (editor title and palette), a node missing an input says "needs
// input" (card and notification, counted apart from failures), and a finished render says so in a
// short notification whose Open Film and Reveal in Explorer buttons do what they say.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { parseDocument, serializeDocument, type NodeRender, type ToWebview } from '../../../core';
import type { BmadApi, CanvasSessionApi } from '../../../extension/api';
import type { RenderOutcome } from '../../../extension/render/renderFeature';
import { bmadApi, closeAll, openCanvas, recordPosts, textDocument, waitFor, zoomInToFullCards } from './canvasHelpers';
import { ui, workspaceFolder } from './e2e';
import { oneShotCanvas, oneShotProject } from './renderProject';

type RenderState = Extract<ToWebview, { type: 'renderState' }>;

const RENDER_TITLE_ACTION = '.editor-actions .action-label[aria-label^="Render Canvas"]';
const toast = (text: string) => `.notifications-toasts .notification-toast:has-text(${JSON.stringify(text)})`;

/** The palette's BMAD commands as listed after typing "BMAD: " (the list answers before we read it). */
async function paletteCommands(): Promise<string[]> {
  await ui.press('F1');
  await ui.waitFor('.quick-input-widget input');
  // Narrow enough that every match is drawn (the list draws only the rows in view); Remove Host is
  // always listed, so its row is the acknowledgement that the list is filtered.
  await ui.type('BMAD: Re');
  await ui.waitFor('.quick-input-list .monaco-list-row:has-text("BMAD: Remove Host")');
  const rows = (await ui.evaluate(`[...document.querySelectorAll('.quick-input-list .monaco-list-row')].map((r) => r.getAttribute('aria-label') ?? r.textContent)`)) as string[];
  await ui.press('Escape');
  await ui.waitFor('.quick-input-widget', 'hidden');
  return rows;
}

const toastTexts = async (): Promise<string> =>
  (await ui.evaluate(`[...document.querySelectorAll('.notifications-toasts .notification-toast')].map((t) => t.textContent).join('\\n')`)) as string;

/** The canvas's text with the edge from the keyframe into the clip removed: the clip needs input. */
function unfinishedCanvas(): string {
  const r = parseDocument(oneShotCanvas());
  if (!r.ok) throw new Error('the one-shot canvas does not parse');
  return serializeDocument({ ...r.doc, edges: r.doc.edges.filter((e) => !(e.source === 'image' && e.target === 'video')) });
}

describe('render messages', function () {
  this.timeout(60_000);
  let api: BmadApi;
  let root: string;
  let main: vscode.Uri;

  before(async () => {
    api = await bmadApi();
    root = path.join(workspaceFolder().fsPath, 'render-messages');
    main = vscode.Uri.file(await oneShotProject(root));
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('notifications.clearAll');
    await closeAll();
  });

  it('Render Canvas hides from the editor title and the palette while the canvas has errors', async () => {
    await openCanvas(api, main);
    await ui.webview.waitFor('.react-flow__node');
    await ui.waitFor(RENDER_TITLE_ACTION);
    assert.ok((await paletteCommands()).some((r) => r.includes('BMAD: Render Canvas')), 'listed while the canvas is fine');

    const doc = await textDocument(main);
    const good = doc.getText();
    const replaceAll = async (text: string) => {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(main, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text);
      assert.ok(await vscode.workspace.applyEdit(edit));
    };
    try {
      await replaceAll(good.replace('"nodes": [', '"nodes": [ oops'));
      await ui.webview.waitFor('.error-view');
      await ui.waitFor(RENDER_TITLE_ACTION, 'hidden');
      await ui.screenshot('render-hidden-on-errors');
      const listed = await paletteCommands();
      assert.ok(!listed.some((r) => r.includes('BMAD: Render Canvas')), `not in the palette: ${listed.join(' | ')}`);
      assert.ok(!listed.some((r) => r.includes('BMAD: Generate Node')), 'Generate Node neither');
    } finally {
      await replaceAll(good);
    }
    await ui.waitFor(RENDER_TITLE_ACTION);
    assert.ok(await doc.save());
  });

  it('a node missing an input says "needs input" (which input), and a render counts it apart from failures', async () => {
    const file = vscode.Uri.file(path.join(root, '02_Source_Creative/unfinished.bmad'));
    fs.writeFileSync(file.fsPath, unfinishedCanvas());
    const session: CanvasSessionApi = await openCanvas(api, file);
    const posts = recordPosts(session);
    try {
      await session.receive({ type: 'ready' });
      const first = await waitFor('a full renderState with the clip', () =>
        posts.messages.find((m): m is RenderState => m.type === 'renderState' && m.full && m.nodes.video !== undefined));
      assert.deepEqual(first.nodes.video, { state: 'needs-input', message: 'Keyframe: connect an image node to it' } satisfies NodeRender);
      for (const id of ['edit', 'output']) {
        assert.equal(first.nodes[id]!.state, 'needs-input', `${id} waits for the clip`);
        assert.equal(first.nodes[id]!.message, 'waits for "Clip" (Keyframe)');
      }
      assert.equal(first.nodes.image!.state, 'missing');
    } finally {
      posts.dispose();
    }
    await ui.webview.waitFor('.react-flow__node[data-id="video"] .bmad-render-badge.is-needs-input');
    assert.equal(await ui.webview.text('.react-flow__node[data-id="video"] .bmad-render-badge'), 'needs input');
    // Zoomed in past the compact band, where cards show their small print (the reason line among it).
    await zoomInToFullCards();
    await ui.webview.waitFor('.react-flow__node[data-id="video"] .bmad-render-reason.is-needs-input');
    assert.equal(await ui.webview.text('.react-flow__node[data-id="video"] .bmad-render-reason.is-needs-input'), 'Keyframe: connect an image node to it');
    assert.equal(await ui.webview.evaluate(`document.querySelectorAll('.bmad-render-badge.is-failed').length`), 0, 'nothing shows as failed');
    await ui.webview.screenshot('needs-input-card');

    const outcome = (await vscode.commands.executeCommand('bmad.renderCanvas')) as RenderOutcome;
    assert.deepEqual([...outcome.ran].sort(), ['image', 'voice'], 'what has its inputs renders');
    assert.deepEqual(outcome.failures.map((f) => [f.node, f.state]), [['video', 'needs-input'], ['edit', 'needs-input'], ['output', 'needs-input']]);
    await ui.waitFor(toast('"Clip" needs input'));
    assert.match(await toastTexts(), /rendered "Keyframe" and "Mara line"; "Clip" needs input — Keyframe: connect an image node to it; 2 more need input\./);
    // A warning, not an error: our toast carries the warning icon (other toasts, such as VS Code's own
    // about the offline extension gallery, may carry theirs).
    const icon = await ui.evaluate(`[...document.querySelectorAll('.notifications-toasts .notification-toast')]
      .find((t) => t.textContent.includes('"Clip" needs input'))
      ?.querySelector('.notification-list-item-icon')?.className`);
    assert.match(String(icon), /\bcodicon-warning\b/);
    assert.doesNotMatch(String(icon), /\bcodicon-error\b/);
    await ui.screenshot('needs-input-notification');
  });

  it('a finished render says so briefly; Open Film opens the film and Reveal in Explorer shows it', async () => {
    await openCanvas(api, main);
    await ui.webview.waitFor('.react-flow__node');
    const film = path.join(root, '03_Renders/main/film.mp4');
    const outcome = (await vscode.commands.executeCommand('bmad.renderCanvas')) as RenderOutcome;
    assert.ok(outcome.ok, JSON.stringify(outcome));
    assert.ok(fs.statSync(film).size > 10_000);
    await ui.waitFor(toast('BMAD: film.mp4 is ready.'));
    await ui.screenshot('render-done-notification');
    await ui.click(`${toast('BMAD: film.mp4 is ready.')} .monaco-button:has-text("Open Film")`);
    const tab = await waitFor('the film open in an editor', () => {
      const t = vscode.window.tabGroups.activeTabGroup.activeTab;
      const input = t?.input;
      return input instanceof vscode.TabInputCustom && input.uri.fsPath === film ? input : undefined;
    });
    assert.equal(tab.viewType, 'vscode.videoPreview', "VS Code's own video player");
    await ui.screenshot('render-done-open-film');

    // Everything is cached now: the same message comes again at once, this time for the explorer.
    const again = (await vscode.commands.executeCommand('bmad.renderCanvas', main)) as RenderOutcome;
    assert.deepEqual(again.ran, []);
    await ui.click(`${toast('BMAD: film.mp4 is ready.')} .monaco-button:has-text("Reveal in Explorer")`);
    await ui.waitFor('.explorer-folders-view .monaco-list-row.selected:has-text("film.mp4")');
    await ui.screenshot('render-done-reveal');
  });
});
