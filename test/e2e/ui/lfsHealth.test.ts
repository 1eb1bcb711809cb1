// LFS health in real VS Code with real git and git-lfs: a project cloned without its LFS content
// (GIT_LFS_SKIP_SMUDGE=1, as a quick clone of a big film project is made) has an asset that is still a
// pointer. Once the person opens the project's canvas, the Problems view says so with its size; BMAD: Pull Git LFS Content… lists it, and picking
// it brings the asset's bytes and clears the problem.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serializeDocument } from '../../../core';
import { clonedWithoutLfsContent } from '../lfsClone';
import { baseCanvas, git } from './gitCanvas';
import { session, until } from './session';

const ASSET = '01_Assets/ada.png';

describe('LFS health (UI)', () => {
  it('an asset never pulled is a problem with its size; Pull Git LFS Content… brings its bytes and clears it', async () => {
    const s = session();
    const clone = path.join(s.workspace, 'lfsclone');
    const asset = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 13) % 256));
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bmad-e2e-lfs-'));
    clonedWithoutLfsContent(tmp, '*.png filter=lfs diff=lfs merge=lfs -text\n', { [ASSET]: asset, 'main.bmad': serializeDocument(baseCanvas()) }, clone);
    const file = path.join(clone, ASSET);
    assert.match(fs.readFileSync(file, 'utf8'), /^version https:\/\/git-lfs\.github\.com\/spec\/v1\n/);

    await s.quickOpen('lfsclone/main.bmad');
    await (await s.webview()).locator('.react-flow__node').first().waitFor();
    await s.page.keyboard.press('Control+Shift+M');
    const problem = s.page.locator('.markers-panel .monaco-list-row', { hasText: `${ASSET} is a Git LFS pointer: its 5.0 kB were never pulled` });
    await problem.waitFor({ timeout: 30_000 });
    await s.screenshot('lfs-pointer-problem');

    await s.runCommand('BMAD: Pull Git LFS Content…');
    const row = s.page.locator('.quick-input-widget .monaco-list-row', { hasText: `lfsclone/${ASSET}` });
    await row.waitFor();
    assert.match(await row.innerText(), /5\.0 kB not pulled/);
    await row.click();
    await s.page.keyboard.press('Enter');

    await until('the asset to hold its real bytes', () => fs.readFileSync(file).equals(asset), 30_000);
    await problem.waitFor({ state: 'detached', timeout: 30_000 });
    assert.equal(git(clone, 'status', '--porcelain'), '', 'pulling leaves the clone clean');
  });
});
