// bmad.newProject and bmad.newCanvas in the real extension host, with real git and git-lfs.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { parseDocument, serializeDocument } from '../../../core';
import { bmadApi, closeAll, tempDir, waitFor } from './canvasHelpers';

interface NewProjectResult {
  folder: vscode.Uri;
  files: string[];
}

describe('bmad.newProject / bmad.newCanvas', () => {
  let root: string;
  let dir: string;
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();

  before(async () => {
    await bmadApi();
    root = tempDir('bmad-e2e-project-');
    dir = path.join(root, 'Lighthouse');
  });
  after(async () => {
    await closeAll();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('creates a film project that is a Git + LFS repository with one commit', async () => {
    const result = await vscode.commands.executeCommand<NewProjectResult | undefined>(
      'bmad.newProject', vscode.Uri.file(dir), { name: 'Lighthouse', open: false });
    assert.ok(result, 'the command returned the new project');
    assert.equal(result.folder.fsPath, dir);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'project.json'), 'utf8'));
    assert.deepEqual(manifest, {
      name: 'Lighthouse', schemaVersion: 1, defaultTier: 'low', fps: 24, aspect: '16:9', canvases: ['02_Source_Creative/main.bmad'],
    });
    for (const f of ['01_Assets/.gitkeep', '03_Renders/.gitkeep', '02_Source_Creative/script.fountain', '.gitignore']) {
      assert.ok(fs.existsSync(path.join(dir, f)), `${f} exists`);
    }
    const canvas = fs.readFileSync(path.join(dir, '02_Source_Creative/main.bmad'), 'utf8');
    const parsed = parseDocument(canvas);
    assert.ok(parsed.ok, 'main.bmad parses');
    assert.equal(serializeDocument(parsed.doc), canvas, 'main.bmad is canonical');
    assert.equal(git('rev-list', '--count', 'HEAD'), '1');
    assert.equal(git('log', '-1', '--format=%s'), 'New film project: Lighthouse');
    assert.equal(git('check-attr', 'filter', 'x.mp4'), 'x.mp4: filter: lfs');
    assert.equal(git('status', '--porcelain'), '');
  });

  it('refuses a folder that is not empty, and writes nothing', async () => {
    const busy = path.join(root, 'busy');
    fs.mkdirSync(busy);
    fs.writeFileSync(path.join(busy, 'notes.txt'), 'keep me');
    const result = await vscode.commands.executeCommand('bmad.newProject', vscode.Uri.file(busy), { open: false });
    assert.equal(result, undefined);
    assert.deepEqual(fs.readdirSync(busy), ['notes.txt']);
  });

  it('adds a canvas to the project, lists it in project.json and opens it as a canvas', async () => {
    const api = await bmadApi();
    // Its own project, so this test also runs alone (BMAD_E2E_GREP).
    dir = path.join(root, 'Second film');
    assert.ok(await vscode.commands.executeCommand('bmad.newProject', vscode.Uri.file(dir), { open: false }));
    const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('bmad.newCanvas', 'Act two', vscode.Uri.file(dir));
    assert.ok(uri);
    assert.equal(uri.fsPath, path.join(dir, '02_Source_Creative/Act two.bmad'));
    assert.equal(fs.readFileSync(uri.fsPath, 'utf8'), '{\n  "version": 1,\n  "nodes": [],\n  "edges": []\n}\n');
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'project.json'), 'utf8'));
    assert.deepEqual(manifest.canvases, ['02_Source_Creative/main.bmad', '02_Source_Creative/Act two.bmad']);
    const session = await waitFor('the new canvas session', () => api.sessions.get(uri));
    assert.equal(session.state, 'ok');
    // A second canvas of the same name is refused, and project.json keeps one entry.
    assert.equal(await vscode.commands.executeCommand('bmad.newCanvas', 'Act two', vscode.Uri.file(dir)), undefined);
    assert.equal(JSON.parse(fs.readFileSync(path.join(dir, 'project.json'), 'utf8')).canvases.length, 2);
  });
});
