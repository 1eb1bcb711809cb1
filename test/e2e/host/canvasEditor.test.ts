// The canvas custom editor in the real extension host: messages go through the session's real
// `receive` (what the webview's onDidReceiveMessage calls), edits through real WorkspaceEdits,
// undo through VS Code's own undo stack, and files through the real file system.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { makeNode } from '../../../core';
import { starterCanvasText } from '../../../runner/newProject/starterCanvas';
import type { BmadApi, CanvasSessionApi } from '../../../extension/api';
import { bmadApi, closeAll, isCanonical, openCanvas, parsed, recordPosts, recordReads, tempDir, textDocument, waitFor } from './canvasHelpers';

describe('canvas editor (bmad.canvas)', () => {
  let api: BmadApi;
  let dir: string;
  let uri: vscode.Uri;
  let session: CanvasSessionApi;
  let doc: vscode.TextDocument;
  let original: string;

  before(async () => {
    api = await bmadApi();
    dir = tempDir('bmad-e2e-canvas-');
    uri = vscode.Uri.file(path.join(dir, 'main.bmad'));
    original = starterCanvasText();
    fs.writeFileSync(uri.fsPath, original);
    session = await openCanvas(api, uri);
    // Wait until the real webview has loaded and its `ready` was answered, so that this answer cannot
    // land inside a later test's window (a fixed sleep was too short on a loaded machine).
    const first = recordPosts(session);
    try {
      await first.next('document', 30_000);
    } finally {
      first.dispose();
    }
    doc = await textDocument(uri);
  });
  after(async () => {
    // save() can resolve false while the save still runs (the canvas editor owns the document too):
    // wait for it to land, or the folder may be removed under it ("Failed to save … ENOENT").
    if (doc.isDirty) await doc.save();
    await waitFor('the save to finish', () => !doc.isDirty);
    await closeAll();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('opens a .bmad file with the canvas editor and answers `ready` with the document and settings', async () => {
    assert.equal(session.state, 'ok');
    assert.equal(api.sessions.active?.uri.toString(), uri.toString(), 'the opened canvas is the active session');
    const posts = recordPosts(session);
    try {
      await session.receive({ type: 'ready' });
      const m = await posts.next('document');
      assert.deepEqual(m.doc, parsed(original));
      assert.deepEqual(m.settings, { snapToGrid: true, showMinimap: true });
      assert.match(m.file, /main\.bmad$/);
    } finally {
      posts.dispose();
    }
  });

  it('applies an op as one small edit: dirty, canonical, not echoed back', async () => {
    const node = makeNode('image', { x: 3000.4, y: 40 }, 'E2E still');
    const posts = recordPosts(session);
    const reads = recordReads(session);
    const changes: vscode.TextDocumentContentChangeEvent[] = [];
    const sub = vscode.workspace.onDidChangeTextDocument((e) => e.document === doc && changes.push(...e.contentChanges));
    try {
      await session.receive({ type: 'op', seq: 7, op: { type: 'insert', nodes: [node], edges: [] } });
      assert.deepEqual(posts.messages.find((m) => m.type === 'opResult'), { type: 'opResult', seq: 7, ok: true });
      assert.equal(doc.isDirty, true);
      const text = doc.getText();
      assert.ok(isCanonical(text), 'the text is canonical');
      assert.ok(text.includes(`"id": "${node.id}"`));
      assert.ok(text.includes('"position": { "x": 3000, "y": 40 }'), 'positions are rounded');
      assert.equal(changes.length, 1, 'one replace');
      assert.ok(changes[0]!.rangeLength < original.length / 4 && changes[0]!.range.start.line > 0, 'not a whole-document replace');
      // Once the session has read the change it made, it has decided whether to send it: it must not.
      assert.deepEqual(await reads.upTo(doc), [{ version: doc.version, echo: true }], 'the session knows its own edit');
      assert.equal(posts.messages.filter((m) => m.type === 'document').length, 0, 'our own edit is not sent back');
    } finally {
      sub.dispose();
      reads.dispose();
      posts.dispose();
    }
  });

  it('saves canonical text to disk', async () => {
    assert.ok(await doc.save());
    assert.equal(fs.readFileSync(uri.fsPath, 'utf8'), doc.getText());
    assert.ok(isCanonical(fs.readFileSync(uri.fsPath, 'utf8')));
  });

  it('undo and redo (command and webview `history` message) go through VS Code and reach the canvas', async () => {
    const withNode = doc.getText();
    const posts = recordPosts(session);
    try {
      await vscode.commands.executeCommand('undo');
      await waitFor('undo to restore the text', () => doc.getText() === original);
      const restored = JSON.stringify(parsed(original));
      await posts.document((m) => JSON.stringify(m.doc) === restored);
      await session.receive({ type: 'history', action: 'redo' });
      await waitFor('redo', () => doc.getText() === withNode);
      const redone = JSON.stringify(parsed(withNode));
      await posts.document((m) => JSON.stringify(m.doc) === redone);
    } finally {
      posts.dispose();
    }
  });

  it('sends a text edit made elsewhere to the canvas', async () => {
    const posts = recordPosts(session);
    try {
      const text = doc.getText();
      const at = text.indexOf('"label": "Image"');
      assert.ok(at > 0);
      const edit = new vscode.WorkspaceEdit();
      edit.replace(uri, new vscode.Range(doc.positionAt(at), doc.positionAt(at + '"label": "Image"'.length)), '"label": "Keyframe"');
      assert.ok(await vscode.workspace.applyEdit(edit));
      await posts.document((m) => m.doc.nodes.some((n) => n.label === 'Keyframe'));
    } finally {
      posts.dispose();
    }
  });

  it('refuses a bad op, changes nothing and resends the document so the canvas snaps back', async () => {
    const before = doc.getText();
    const posts = recordPosts(session);
    try {
      await session.receive({ type: 'op', seq: 8, op: { type: 'move', moves: [{ id: 'n_nosuchnode', x: 1, y: 2 }] } });
      const r = posts.messages.find((m) => m.type === 'opResult');
      assert.deepEqual(r, { type: 'opResult', seq: 8, ok: false, message: 'no node with id "n_nosuchnode"' });
      await posts.next('document');
      assert.equal(doc.getText(), before);
    } finally {
      posts.dispose();
    }
  });

  it('drops and logs a message that does not match the protocol', async () => {
    const before = doc.getText();
    const version = doc.version;
    const posts = recordPosts(session);
    try {
      await session.receive({ type: 'op', seq: -1, op: { type: 'explode' } });
      await session.receive('not even an object');
      // Then a valid op that changes nothing: ops are answered in order, so its answer is the first.
      const script = parsed(before).nodes.find((n) => n.kind === 'script')!;
      await session.receive({ type: 'op', seq: 9, op: { type: 'move', moves: [{ id: script.id, ...script.position }] } });
      assert.deepEqual(posts.messages, [{ type: 'opResult', seq: 9, ok: true }], 'the bad messages are not answered');
      assert.equal(doc.getText(), before);
      assert.equal(doc.version, version);
      const log = vscode.Uri.joinPath(api.logUri, 'BMAD.log').fsPath;
      await waitFor('the BMAD log to name the dropped message', () =>
        fs.existsSync(log) && fs.readFileSync(log, 'utf8').includes('dropped a message from the canvas: invalid "op" message'));
    } finally {
      posts.dispose();
    }
  });

  it('remembers the selection and adds a node right of it with bmad.addNode', async () => {
    const current = parsed(doc.getText());
    const script = current.nodes.find((n) => n.kind === 'script')!;
    await session.receive({ type: 'selection', nodeIds: [script.id] });
    assert.deepEqual(session.selection, [script.id]);
    const posts = recordPosts(session);
    try {
      const id = await vscode.commands.executeCommand<string | undefined>('bmad.addNode', 'audio');
      assert.ok(id, 'bmad.addNode returned the new node id');
      const after = parsed(doc.getText());
      const added = after.nodes.find((n) => n.id === id);
      assert.equal(added?.kind, 'audio');
      assert.ok(added!.position.x > script.position.x, 'placed right of the selected node');
      await posts.document((m) => m.doc.nodes.some((n) => n.id === id));
    } finally {
      posts.dispose();
    }
  });

  it('lays the canvas out left to right as one undo step, then fits the view', async () => {
    const before = doc.getText();
    const posts = recordPosts(session);
    try {
      assert.equal(await vscode.commands.executeCommand('bmad.autoLayout'), true);
      const laid = parsed(doc.getText());
      const at = new Map(laid.nodes.map((n) => [n.id, n.position]));
      for (const e of laid.edges) assert.ok(at.get(e.source)!.x < at.get(e.target)!.x, 'edges flow left to right');
      await posts.next('command');
      assert.ok(posts.messages.some((m) => m.type === 'command' && m.command === 'fitView'));
      await vscode.commands.executeCommand('undo');
      await waitFor('one undo to restore the layout before', () => doc.getText() === before);
      assert.equal(await vscode.commands.executeCommand('bmad.fitView'), true);
    } finally {
      posts.dispose();
    }
  });

  it('resends the document when a canvas setting changes', async () => {
    const config = vscode.workspace.getConfiguration('bmad.canvas');
    const posts = recordPosts(session);
    try {
      await config.update('showMinimap', false, vscode.ConfigurationTarget.Global);
      // Wait for that document in particular: an earlier debounced one (the undo above) may come first.
      const m = await posts.document((p) => !p.settings.showMinimap);
      assert.deepEqual(m.settings, { snapToGrid: true, showMinimap: false });
    } finally {
      await config.update('showMinimap', undefined, vscode.ConfigurationTarget.Global);
      posts.dispose();
    }
  });

  it('opens the file as text beside the canvas (webview `openAsText` message)', async () => {
    await session.receive({ type: 'openAsText' });
    const editor = await waitFor('a text editor on the canvas file', () =>
      vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString()));
    assert.equal(editor.document, doc, 'the text editor shows the same TextDocument');
  });
});
