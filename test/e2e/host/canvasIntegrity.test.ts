// The canvas editor on files it must not misread: bytes that are not UTF-8 (VS Code shows them as
// U+FFFD, so writing the document would lose them), and the error view's way into the text.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { makeNode, serializeDocument } from '../../../core';
import { starterCanvasText } from '../../../runner/newProject/starterCanvas';
import { bmadApi, closeAll, openCanvas, recordPosts, tempDir, textDocument, waitFor } from './canvasHelpers';
import { ui } from './e2e';

/** The starter canvas with one label saved as Latin-1: "Café" with 0xE9, which UTF-8 never allows alone. */
function latin1Canvas(): { bytes: Buffer; line: number; column: number } {
  const text = starterCanvasText();
  const labelAt = text.indexOf('"label": "') + '"label": "'.length;
  const before = text.slice(0, labelAt);
  const line = before.split('\n').length;
  const column = labelAt - before.lastIndexOf('\n') + 'Caf'.length;
  const after = text.slice(text.indexOf('"', labelAt));
  const bytes = Buffer.concat([Buffer.from(before + 'Caf'), Buffer.from([0xe9]), Buffer.from(after)]);
  return { bytes, line, column };
}

describe('canvas editor on a file that is not valid UTF-8', () => {
  let dir: string;
  before(() => {
    dir = tempDir('bmad-e2e-utf8-');
  });
  after(async () => {
    await closeAll();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('opens in the error state at the first bad byte, refuses edits, and the bytes on disk stay the same', async () => {
    const api = await bmadApi();
    const uri = vscode.Uri.file(path.join(dir, 'latin1.bmad'));
    const { bytes, line, column } = latin1Canvas();
    fs.writeFileSync(uri.fsPath, bytes);
    const session = await openCanvas(api, uri);
    assert.equal(session.state, 'invalid');
    const posts = recordPosts(session);
    try {
      await session.receive({ type: 'ready' });
      const invalid = await posts.next('invalid');
      assert.equal(invalid.issues.length, 1);
      assert.deepEqual([invalid.issues[0]!.line, invalid.issues[0]!.column], [line, column]);
      assert.match(invalid.issues[0]!.message, /^not valid UTF-8 \(byte 0xE9\)/);

      await ui.webview.waitFor('.error-view');
      assert.match(await ui.webview.text('.error-view'), /latin1\.bmad:\d+:\d+: not valid UTF-8/);
      await ui.webview.screenshot('integrity-utf8-error-view');

      const node = makeNode('image', { x: 0, y: 0 });
      await session.receive({ type: 'op', seq: 1, op: { type: 'insert', nodes: [node], edges: [] } });
      assert.deepEqual(posts.messages.find((m) => m.type === 'opResult'), {
        type: 'opResult', seq: 1, ok: false, message: 'the file has errors; fix them as text first',
      });
      const doc = await textDocument(uri);
      assert.equal(doc.isDirty, false);
      assert.deepEqual(fs.readFileSync(uri.fsPath), bytes);
    } finally {
      posts.dispose();
    }
  });

  it('reads the canvas once the text is fixed and saved, which writes UTF-8', async () => {
    const api = await bmadApi();
    const uri = vscode.Uri.file(path.join(dir, 'fixed.bmad'));
    fs.writeFileSync(uri.fsPath, latin1Canvas().bytes);
    const session = await openCanvas(api, uri);
    assert.equal(session.state, 'invalid');
    const posts = recordPosts(session);
    try {
      // What a person does from the error view: fix the character as text, then save.
      const doc = await textDocument(uri);
      const bad = doc.getText().indexOf('\uFFFD');
      assert.ok(bad > 0, 'VS Code shows the bad byte as U+FFFD');
      const edit = new vscode.WorkspaceEdit();
      edit.replace(uri, new vscode.Range(doc.positionAt(bad), doc.positionAt(bad + 1)), 'é');
      assert.ok(await vscode.workspace.applyEdit(edit));
      assert.equal(session.state, 'invalid', 'the bytes on disk are still not UTF-8');
      assert.ok(await doc.save());
      const read = await posts.document((m) => m.doc.nodes.some((n) => n.label === 'Café'), 20_000);
      assert.ok(read.doc.nodes.length > 0);
      assert.equal(session.state, 'ok');
      assert.equal(fs.readFileSync(uri.fsPath, 'utf8'), doc.getText());
    } finally {
      posts.dispose();
    }
  });
});

describe('canvas editor on a file VS Code reads in another encoding', () => {
  let dir: string;
  after(async () => {
    await closeAll();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses to edit while the document is read as windows1252, and reads it once reopened as UTF-8', async () => {
    const api = await bmadApi();
    dir = tempDir('bmad-e2e-encoding-');
    const uri = vscode.Uri.file(path.join(dir, 'cafe.bmad'));
    const text = starterCanvasText().replace('"label": "Video"', '"label": "Café"');
    fs.writeFileSync(uri.fsPath, text);
    // As a files.encoding setting or Reopen with Encoding would: "é" then reads as "Ã©".
    const doc = await vscode.workspace.openTextDocument(uri, { encoding: 'windows1252' });
    assert.equal(doc.encoding, 'windows1252');
    const session = await openCanvas(api, uri);
    assert.equal(session.state, 'invalid');
    const posts = recordPosts(session);
    try {
      await session.receive({ type: 'ready' });
      const invalid = await posts.next('invalid');
      assert.match(invalid.issues[0]!.message, /^VS Code reads this file as windows1252, but a \.bmad file is UTF-8/);
      const node = makeNode('image', { x: 0, y: 0 });
      await session.receive({ type: 'op', seq: 1, op: { type: 'insert', nodes: [node], edges: [] } });
      assert.equal(posts.messages.find((m) => m.type === 'opResult')?.ok, false);
      assert.equal(doc.isDirty, false);

      await vscode.workspace.openTextDocument(uri, { encoding: 'utf8' });
      const read = await posts.document((m) => m.doc.nodes.some((n) => n.label === 'Café'));
      assert.ok(read.doc.nodes.length > 0);
      assert.equal(session.state, 'ok');
      assert.equal(fs.readFileSync(uri.fsPath, 'utf8'), text);
    } finally {
      posts.dispose();
    }
  });
});

describe('the error view opens the text at the problem', () => {
  let dir: string;
  before(() => {
    dir = tempDir('bmad-e2e-open-at-');
  });
  after(async () => {
    await closeAll();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('Open as Text puts the cursor on the first problem and shows it', async () => {
    const api = await bmadApi();
    const uri = vscode.Uri.file(path.join(dir, 'bad-seed.bmad'));
    // Scripts first (ids sort before the image), so the problem sits far down and showing it means scrolling.
    const script = (i: number) => ({ ...makeNode('script', { x: 0, y: i * 240 }), id: `n_a${i}` });
    const scripts = Array.from({ length: 8 }, (_, i) => script(i));
    const image = { ...makeNode('image', { x: 320, y: 0 }), id: 'n_z' };
    const lines = serializeDocument({ version: 1, nodes: [...scripts, image], edges: [] }).split('\n');
    const seedLine = lines.findIndex((l) => /^ {8}"seed": \d+,$/.test(l));
    assert.ok(seedLine > 60, `the seed is on line ${seedLine + 1}, below the first screen`);
    lines[seedLine] = lines[seedLine]!.replace(/\d+,$/, '1.5,');
    // A second problem further down: each problem in the list opens the text at its own place.
    const edgesLine = lines.indexOf('  "edges": []');
    lines[edgesLine] = '  "edges": [ 5 ]';
    fs.writeFileSync(uri.fsPath, lines.join('\n'));
    const session = await openCanvas(api, uri);
    assert.equal(session.state, 'invalid');

    await ui.webview.waitFor('.error-view vscode-button');
    assert.equal(await ui.webview.evaluate('document.querySelectorAll(".issue-link").length'), 2);
    await ui.webview.screenshot('integrity-error-view');
    await ui.webview.click('.error-view vscode-button');
    const editor = await waitFor('a text editor on the canvas file', () =>
      vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString()));
    const first = new vscode.Position(seedLine, '        "seed": '.length);
    await waitFor('the cursor on the first problem', () => editor.selection.active.isEqual(first));
    assert.ok(editor.selection.isEmpty);
    assert.ok(editor.visibleRanges.some((r) => r.contains(first)), `line ${seedLine + 1} is in view`);
    await ui.screenshot('integrity-open-as-text');

    await ui.webview.click('.issue-link >> nth=1');
    const second = new vscode.Position(edgesLine, '  "edges": [ '.length);
    const onFile = (e: vscode.TextEditor) => e.document.uri.toString() === uri.toString();
    await waitFor('the cursor on the second problem', () =>
      vscode.window.visibleTextEditors.some((e) => onFile(e) && e.selection.active.isEqual(second)));
  });
});

describe('a file with git conflict markers', () => {
  let dir: string;
  after(async () => {
    await closeAll();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** The starter canvas with one line replaced by a conflict block: ours as it was, theirs `theirs(line)`. */
  function conflicted(name: string, theirs: (line: string) => string): { uri: vscode.Uri; at: number } {
    const uri = vscode.Uri.file(path.join(dir, name));
    const lines = starterCanvasText().split('\n');
    const at = lines.findIndex((l) => l.includes('"position"'));
    lines.splice(at, 1, '<<<<<<< HEAD', lines[at]!, '=======', theirs(lines[at]!), '>>>>>>> coast-edit');
    fs.writeFileSync(uri.fsPath, lines.join('\n'));
    return { uri, at };
  }

  it('opens as the merge view when both sides read as canvases', async () => {
    const api = await bmadApi();
    dir = tempDir('bmad-e2e-conflict-');
    const { uri } = conflicted('conflicted.bmad', (l) => l.replace(/"y": -?\d+/, '"y": 999'));
    const session = await openCanvas(api, uri);
    assert.equal(session.state, 'merge');
    await ui.webview.waitFor('.merge-view');
    assert.match(await ui.webview.text('.merge-view'), /git's conflict markers/);
    await ui.webview.screenshot('integrity-merge-conflict');
  });

  it('opens as the error view, located on the side that does not read, when one side is broken', async () => {
    const api = await bmadApi();
    const { uri, at } = conflicted('broken-side.bmad', (l) => l.replace(/"y": -?\d+/, '"y": '));
    const session = await openCanvas(api, uri);
    assert.equal(session.state, 'invalid');
    await ui.webview.waitFor('.error-view');
    const shown = await ui.webview.text('.issue-list');
    assert.match(shown, new RegExp(`broken-side\\.bmad:${at + 4}:\\d+: theirs side: `));
  });
});
