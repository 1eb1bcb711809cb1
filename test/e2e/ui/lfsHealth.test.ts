// LFS health in real VS Code with real git and git-lfs: a project cloned without its LFS content
// (GIT_LFS_SKIP_SMUDGE=1, as a quick clone of a big film project is made) has an asset that is still a
// pointer. Once the person opens the project's canvas, the Problems view says so with its size; BMAD: Pull Git LFS Content… lists it, and picking
// it brings the asset's bytes and clears the problem.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serializeDocument } from '../../../core';
import { baseCanvas, git } from './gitCanvas';
import { session, until } from './session';

const ASSET = '01_Assets/ada.png';

/** A project with a canvas and one LFS asset pushed to a bare remote, cloned into `into` without LFS content. */
function clonedWithoutContent(into: string): Buffer {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bmad-e2e-lfs-'));
  const work = path.join(tmp, 'work');
  fs.mkdirSync(path.join(work, '01_Assets'), { recursive: true });
  git(tmp, 'init', '-q', '--bare', '-b', 'main', 'origin.git');
  git(work, 'init', '-q', '-b', 'main');
  git(work, 'config', 'user.email', 'e2e@example.com');
  git(work, 'config', 'user.name', 'E2E');
  git(work, 'lfs', 'install', '--local');
  fs.writeFileSync(path.join(work, '.gitattributes'), '*.png filter=lfs diff=lfs merge=lfs -text\n');
  const asset = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 13) % 256));
  fs.writeFileSync(path.join(work, ASSET), asset);
  fs.writeFileSync(path.join(work, 'main.bmad'), serializeDocument(baseCanvas()));
  git(work, 'add', '.');
  git(work, 'commit', '-qm', 'Ada reference');
  git(work, 'remote', 'add', 'origin', path.join(tmp, 'origin.git'));
  git(work, 'push', '-q', 'origin', 'main');
  execFileSync('git', ['clone', '-q', path.join(tmp, 'origin.git'), into], { env: { ...process.env, GIT_LFS_SKIP_SMUDGE: '1' }, stdio: 'ignore' });
  return asset;
}

describe('LFS health (UI)', () => {
  it('an asset never pulled is a problem with its size; Pull Git LFS Content… brings its bytes and clears it', async () => {
    const s = session();
    const clone = path.join(s.workspace, 'lfsclone');
    const asset = clonedWithoutContent(clone);
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
