// The script in the real editor: the Fountain outline, and Break Down Script from a .fountain file
// through the real modal dialog (clicked in Chromium), applied as one edit that one Ctrl+Z takes back.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { starterCanvasText, starterScript } from '../../../runner/newProject/starterCanvas';
import { bmadApi, closeAll, openCanvas, parsed, recordPosts, textDocument, waitFor } from './canvasHelpers';
import { ui, workspaceFolder } from './e2e';

const SCRIPT = `${starterScript('Two Lights')}
# Act Two

## The harbour

EXT. HARBOUR WALL - DAWN

JONAH runs along the wall with a lantern.

JONAH
Mara! The boat is back!

MARA
I know. I watched it all night.
`;

interface BreakDownResult {
  canvas: string;
  proposalFile: string;
  outcome: string;
  summary: { added: number };
}

describe('script tools in the editor', () => {
  let film: string;
  let scriptUri: vscode.Uri;
  let canvasUri: vscode.Uri;

  before(async () => {
    await bmadApi();
    film = path.join(workspaceFolder().fsPath, 'two-lights');
    fs.mkdirSync(path.join(film, '02_Source_Creative'), { recursive: true });
    fs.writeFileSync(path.join(film, 'project.json'), JSON.stringify({
      name: 'Two Lights', schemaVersion: 1, defaultTier: 'low', fps: 24, aspect: '16:9', canvases: ['02_Source_Creative/main.bmad'],
    }));
    scriptUri = vscode.Uri.file(path.join(film, '02_Source_Creative', 'script.fountain'));
    canvasUri = vscode.Uri.file(path.join(film, '02_Source_Creative', 'main.bmad'));
    fs.writeFileSync(scriptUri.fsPath, SCRIPT);
    fs.writeFileSync(canvasUri.fsPath, starterCanvasText());
  });
  after(async () => {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === canvasUri.toString());
    if (doc?.isDirty) await doc.save();
    await closeAll();
    fs.rmSync(film, { recursive: true, force: true });
  });

  it('a .fountain file is Fountain, with its sections and scenes nested in the outline', async () => {
    const doc = await vscode.workspace.openTextDocument(scriptUri);
    assert.equal(doc.languageId, 'fountain');
    await vscode.window.showTextDocument(doc);
    const symbols = await waitFor('outline symbols', async () => {
      const found = await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>('vscode.executeDocumentSymbolProvider', scriptUri);
      return found?.length ? found : undefined;
    });
    const tree = (s: vscode.DocumentSymbol): unknown => (s.children.length ? { [s.name]: s.children.map(tree) } : s.name);
    assert.deepEqual(symbols.map(tree), ['INT. LIGHTHOUSE LAMP ROOM - NIGHT', { 'Act Two': [{ 'The harbour': ['EXT. HARBOUR WALL - DAWN'] }] }]);
    const harbour = symbols[1]!.children[0]!.children[0]!;
    assert.equal(doc.lineAt(harbour.selectionRange.start.line).text, 'EXT. HARBOUR WALL - DAWN');
    assert.equal(doc.lineAt(harbour.range.end.line).text, 'I know. I watched it all night.', 'the scene runs to its last line');
    await vscode.commands.executeCommand('outline.focus');
    await ui.waitFor('.outline-pane .monaco-list-row');
    await ui.screenshot('script-outline');
  });

  it('Break Down Script on the .fountain: the dialog, Apply All as one edit, one Ctrl+Z takes it back', async () => {
    const api = await bmadApi();
    const session = await openCanvas(api, canvasUri);
    const posts = recordPosts(session);
    await posts.next('document', 30_000);
    const doc = await textDocument(canvasUri);
    const before = doc.getText();
    const edits: vscode.TextDocumentContentChangeEvent[][] = [];
    const sub = vscode.workspace.onDidChangeTextDocument((e) => e.document === doc && e.contentChanges.length && edits.push([...e.contentChanges]));
    try {
      const running = vscode.commands.executeCommand<BreakDownResult>('bmad.breakDownScript', scriptUri);
      const dialog = '.monaco-dialog-box';
      await ui.waitFor(dialog);
      assert.ok(fs.existsSync(`${canvasUri.fsPath}.proposal.json`), 'the proposal is written before the question');
      const text = (await ui.evaluate(`document.querySelector('${dialog}').innerText`)) as string;
      assert.match(text, /Break Down Script: two-lights\/02_Source_Creative\/script\.fountain → two-lights\/02_Source_Creative\/main\.bmad/);
      assert.match(text, /\d+ to add, \d+ to update, \d+ to link, 0 to remove/);
      assert.match(text, /add scene scene:EXT\. HARBOUR WALL - DAWN:1 \(script lines \d+–\d+\)/);
      await ui.screenshot('breakdown-dialog');
      await ui.click(`${dialog} .monaco-button:has-text("Apply All")`);
      const result = await running;
      assert.equal(result.outcome, 'applied');
      assert.ok(!fs.existsSync(`${canvasUri.fsPath}.proposal.json`), 'an applied proposal is removed');
      assert.equal(edits.length, 1, 'applied as one edit');
      const after = parsed(doc.getText());
      const scenes = after.nodes.filter((n) => n.kind === 'scene').map((n) => (n.params as { heading: string }).heading).sort();
      assert.deepEqual(scenes, ['EXT. HARBOUR WALL - DAWN', 'INT. LIGHTHOUSE LAMP ROOM - NIGHT']);
      assert.ok(after.nodes.some((n) => n.kind === 'character' && (n.params as { name: string }).name === 'Jonah'));
      await posts.document((m) => m.doc.nodes.length === after.nodes.length, 10_000);
      await ui.webview.waitFor('.react-flow__node');
      await ui.webview.screenshot('breakdown-applied');

      await ui.webview.click('.react-flow__pane');
      await ui.press('Control+Z');
      await waitFor('one Ctrl+Z to take the breakdown back', () => doc.getText() === before);
      assert.equal(edits.length, 2, 'undone in one step');
    } finally {
      sub.dispose();
      posts.dispose();
    }
  });
});
