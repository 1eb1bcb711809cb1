// A canvas cloned without its Git LFS content: the editor says so and pulls it (real git and git-lfs).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { starterCanvasText } from '../../../runner/newProject/starterCanvas';
import { bmadApi, closeAll, openCanvas, tempDir, waitFor } from './canvasHelpers';
import { clonedWithoutLfsContent } from '../lfsClone';
import { ui } from './e2e';


describe('canvas editor on a Git LFS pointer', () => {
  let dir: string;
  after(async () => {
    await closeAll();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('shows the pointer with Pull; Pull brings the canvas and its nodes', async () => {
    dir = tempDir('bmad-e2e-lfs-');
    const canvas = starterCanvasText();
    clonedWithoutLfsContent(dir, '*.bmad filter=lfs diff=lfs merge=lfs -text\n', { 'main.bmad': canvas }, path.join(dir, 'clone'));
    const uri = vscode.Uri.file(path.join(dir, 'clone', 'main.bmad'));
    assert.match(fs.readFileSync(uri.fsPath, 'utf8'), /^version https:\/\/git-lfs\.github\.com\/spec\/v1\n/);

    const session = await openCanvas(await bmadApi(), uri);
    assert.equal(session.state, 'invalid');
    await ui.webview.waitFor('text=This canvas is a Git LFS pointer that has not been pulled');
    await ui.webview.screenshot('lfs-pointer-canvas');
    await ui.webview.click('vscode-button:has-text("Pull")');
    await waitFor('the canvas to read the pulled text', () => session.state === 'ok', 30_000);
    await ui.webview.waitFor('.react-flow__node');
    assert.equal(fs.readFileSync(uri.fsPath, 'utf8'), canvas);
  });
});
