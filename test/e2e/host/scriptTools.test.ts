// The Fountain outline in the real extension host (Break Down Script, whose modal dialog VS Code
// refuses to show under extensionTestsPath, is driven as a person does in ui/breakDownScript.test.ts).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { starterScript } from '../../../runner/newProject/starterCanvas';
import { bmadApi, closeAll, waitFor } from './canvasHelpers';
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

describe('script tools in the editor', () => {
  let film: string;
  let scriptUri: vscode.Uri;

  before(async () => {
    await bmadApi();
    film = path.join(workspaceFolder().fsPath, 'outline-script');
    fs.mkdirSync(film, { recursive: true });
    scriptUri = vscode.Uri.file(path.join(film, 'script.fountain'));
    fs.writeFileSync(scriptUri.fsPath, SCRIPT);
  });
  after(async () => {
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
});
