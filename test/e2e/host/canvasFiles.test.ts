// The canvas editor on files that are not what the studio writes: CRLF and non-canonical text (the
// first op rewrites it canonical), and text that does not parse (never written to).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { makeNode } from '../../../core';
import { starterCanvasText } from '../../../runner/newProject/starterCanvas';
import { bmadApi, closeAll, isCanonical, openCanvas, recordPosts, recordReads, tempDir, textDocument } from './canvasHelpers';

describe('canvas editor on a CRLF, non-canonical file', () => {
  let dir: string;
  after(async () => {
    await closeAll();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the first op rewrites it canonical with LF line ends, and no echo reaches the canvas', async () => {
    const api = await bmadApi();
    dir = tempDir('bmad-e2e-crlf-');
    const uri = vscode.Uri.file(path.join(dir, 'windows.bmad'));
    // Valid but not canonical: four-space indent, CRLF line ends, keys in another order.
    const value = JSON.parse(starterCanvasText()) as { version: number; nodes: unknown[]; edges: unknown[] };
    const text = JSON.stringify({ edges: value.edges, nodes: value.nodes, version: value.version }, null, 4).replace(/\n/g, '\r\n');
    fs.writeFileSync(uri.fsPath, text);
    const session = await openCanvas(api, uri);
    const doc = await textDocument(uri);
    assert.equal(session.state, 'ok');
    assert.equal(doc.eol, vscode.EndOfLine.CRLF);
    const posts = recordPosts(session);
    const reads = recordReads(session);
    try {
      const node = makeNode('style', { x: -400, y: 0 });
      await session.receive({ type: 'op', seq: 1, op: { type: 'insert', nodes: [node], edges: [] } });
      assert.ok(posts.messages.some((m) => m.type === 'opResult' && m.ok));
      assert.equal(doc.eol, vscode.EndOfLine.LF);
      assert.ok(isCanonical(doc.getText()));
      assert.ok(!doc.getText().includes('\r'));
      // The edit arrives as two changes (line ends, then text); the session reads both as its own.
      const read = await reads.upTo(doc);
      assert.ok(read.length >= 1 && read.every((r) => r.echo), `every change read as an echo: ${JSON.stringify(read)}`);
      assert.equal(posts.messages.filter((m) => m.type === 'document').length, 0, 'no echo reaches the canvas');
      assert.ok(await doc.save());
      assert.equal(fs.readFileSync(uri.fsPath, 'utf8'), doc.getText());
    } finally {
      reads.dispose();
      posts.dispose();
    }
  });
});

describe('canvas editor on a file that does not parse', () => {
  let dir: string;
  let uri: vscode.Uri;
  const broken = '{\n  "version": 1,\n  "nodes": [\n    { "id": "n_1", "kind": "image", \n';

  before(() => {
    dir = tempDir('bmad-e2e-broken-');
    uri = vscode.Uri.file(path.join(dir, 'broken.bmad'));
    fs.writeFileSync(uri.fsPath, broken);
  });
  after(async () => {
    await closeAll();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('opens in the error state, never writes, and the bytes on disk stay the same', async () => {
    const api = await bmadApi();
    const session = await openCanvas(api, uri);
    assert.equal(session.state, 'invalid');
    const posts = recordPosts(session);
    try {
      await session.receive({ type: 'ready' });
      const invalid = await posts.next('invalid');
      assert.match(invalid.file, /broken\.bmad$/);
      assert.ok(invalid.issues.length > 0 && invalid.issues[0]!.line >= 1);

      const node = makeNode('image', { x: 0, y: 0 });
      await session.receive({ type: 'op', seq: 1, op: { type: 'insert', nodes: [node], edges: [] } });
      assert.deepEqual(posts.messages.find((m) => m.type === 'opResult'), {
        type: 'opResult', seq: 1, ok: false, message: 'the file has errors; fix them as text first',
      });
      assert.equal(await vscode.commands.executeCommand('bmad.addNode', 'image'), undefined);
      assert.equal(await vscode.commands.executeCommand('bmad.autoLayout'), false);

      const doc = await textDocument(uri);
      assert.equal(doc.isDirty, false);
      assert.equal(doc.getText(), broken);
      assert.equal(fs.readFileSync(uri.fsPath, 'utf8'), broken);
    } finally {
      posts.dispose();
    }
  });
});
