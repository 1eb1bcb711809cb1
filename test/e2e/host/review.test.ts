// The review agent in the real extension host: a canvas's continuity problems in the Problems view
// (the diagnostics VS Code holds), at their place in the .bmad, and a quick fix applied as an op.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { applyOp, serializeDocument } from '../../../core';
import { starterCanvasText } from '../../../runner/newProject/starterCanvas';
import { bmadApi, closeAll, parsed, waitFor } from './canvasHelpers';
import { workspaceFolder } from './e2e';

describe('review agent (Problems view, quick fixes)', () => {
  let dir: string;
  before(async () => {
    await bmadApi();
    dir = path.join(workspaceFolder().fsPath, 'review-film');
    fs.mkdirSync(dir, { recursive: true });
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await closeAll();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reports a shot too short for its dialogue at the duration, and its quick fix lengthens the shot', async () => {
    const start = parsed(starterCanvasText());
    const shot = start.nodes.find((n) => n.kind === 'shot')!;
    const long = 'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen';
    const r = applyOp(start, { type: 'setParams', id: shot.id, params: { duration: 1, dialogue: [{ character: 'Mara', line: long }] } });
    assert.ok(r.ok);
    const uri = vscode.Uri.file(path.join(dir, 'main.bmad'));
    fs.writeFileSync(uri.fsPath, serializeDocument(r.doc));
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const diagnostics = await waitFor('the review in the Problems view', () => {
      const d = vscode.languages.getDiagnostics(uri).filter((x) => x.source === 'BMAD review');
      return d.length ? d : undefined;
    });
    assert.deepEqual(diagnostics.map((d) => d.code), ['shot-too-short']);
    assert.match(diagnostics[0]!.message, /lasts 1 s, but its dialogue takes \d+\.\d s to say$/);
    assert.match(doc.getText(diagnostics[0]!.range), /^1,?$/);
    assert.match(doc.lineAt(diagnostics[0]!.range.start.line).text, /"duration": 1/);

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostics[0]!.range);
    const fix = actions.find((a) => a.title.startsWith('Make '));
    assert.ok(fix?.command, `a quick fix is offered (got ${actions.map((a) => a.title).join(', ')})`);
    assert.equal(await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? [])), true);
    const fixed = parsed(doc.getText()).nodes.find((n) => n.id === shot.id)!;
    assert.ok((fixed.params as { duration: number }).duration > 1, 'the shot is longer');
    await waitFor('the problem to go away', () => vscode.languages.getDiagnostics(uri).filter((x) => x.source === 'BMAD review').length === 0);
  });
});
