// A character's reference image that is a Git LFS pointer never pulled, in real VS Code with real git
// and git-lfs: its card says so, the inspector's Pull brings the image's bytes, and the badge goes.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { insert, makeNode, nodeFrom, serializeDocument } from '../../../core';
import { MAIN_CANVAS, projectFiles } from '../../../runner/newProject/template';
import { clonedWithoutLfsContent } from '../lfsClone';
import { git } from './gitCanvas';
import { session, until } from './session';

const IMAGE = '01_Assets/mara.png';

/** Mara, whose reference is IMAGE, and a style that names no file. */
function canvasText(): string {
  const mara = makeNode('character', { x: 0, y: 0 }, 'Mara');
  const style = makeNode('style', { x: 0, y: 260 }, 'Storm light');
  const r = insert({ version: 1, nodes: [], edges: [] }, [nodeFrom({ ...mara, params: { ...mara.params, reference: IMAGE } }), style], []);
  if (!r.ok) throw new Error(r.message);
  return serializeDocument(r.doc);
}

describe('LFS pointers on the canvas (UI)', () => {
  it("a character whose reference image was never pulled shows it on its card; the inspector's Pull brings it", async () => {
    const s = session();
    const clone = path.join(s.workspace, 'lfsassets');
    const image = Buffer.from(Array.from({ length: 7000 }, (_, i) => (i * 31) % 256));
    const files = Object.fromEntries(projectFiles({ name: 'LFS assets', defaultTier: 'low' }));
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bmad-e2e-lfs-assets-'));
    clonedWithoutLfsContent(tmp, files['.gitattributes'] ?? '', { ...files, [MAIN_CANVAS]: canvasText(), [IMAGE]: image }, clone);
    const file = path.join(clone, IMAGE);
    assert.match(fs.readFileSync(file, 'utf8'), /^version https:\/\/git-lfs\.github\.com\/spec\/v1\n/);

    await s.quickOpen(`lfsassets/${MAIN_CANVAS}`);
    const frame = await s.webview();
    const mara = frame.locator('.react-flow__node', { hasText: 'Mara' });
    const badge = mara.locator('.bmad-lfs-badge');
    await badge.waitFor({ timeout: 30_000 });
    assert.equal(await badge.innerText(), 'LFS pointer not pulled');
    assert.match((await badge.getAttribute('title')) ?? '', /reference: 01_Assets\/mara\.png \(7\.0 kB never pulled\)/);
    assert.equal(await frame.locator('.react-flow__node', { hasText: 'Storm light' }).locator('.bmad-lfs-badge').count(), 0, 'a style names no file');
    await s.webviewScreenshot('lfs-asset-pointer-card');

    await mara.click();
    const section = frame.locator('.inspector-lfs');
    await section.waitFor();
    assert.match(await section.innerText(), /reference 01_Assets\/mara\.png \(7\.0 kB\)/);
    await s.webviewScreenshot('lfs-asset-pointer-inspector');
    await section.locator('vscode-button', { hasText: 'Pull' }).click();

    await until('the image to hold its real bytes', () => fs.readFileSync(file).equals(image), 30_000);
    await badge.waitFor({ state: 'detached', timeout: 30_000 });
    await section.waitFor({ state: 'detached' });
    assert.equal(git(clone, 'status', '--porcelain'), '', 'pulling leaves the clone clean');
  });
});
