// A big video that Git would store as an ordinary blob, in real VS Code with real git and git-lfs: the
// Problems view says so, and its quick fix (the lightbulb on the problem) tracks the extension with LFS.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serializeDocument } from '../../../core';
import { baseCanvas, git } from './gitCanvas';
import { session } from './session';

const MOVIE = 'footage/take1.mov';

/** 12,000,000 bytes that start like a QuickTime file: a binary VS Code never opens as text. */
function movieBytes(): Buffer {
  const bytes = Buffer.alloc(12_000_000);
  Buffer.from('\0\0\0\x14ftypqt  \0\0\0\0qt  ', 'latin1').copy(bytes);
  return bytes;
}

describe('LFS tracking quick fix (UI)', () => {
  it('a 12 MB .mov outside LFS is a problem; its quick fix tracks *.mov with Git LFS and the problem goes', async () => {
    const s = session();
    const repo = path.join(s.workspace, 'bigmov');
    fs.mkdirSync(path.join(repo, path.dirname(MOVIE)), { recursive: true });
    git(repo, 'init', '-q', '-b', 'main');
    fs.writeFileSync(path.join(repo, '.gitattributes'), '*.png filter=lfs diff=lfs merge=lfs -text\n');
    fs.writeFileSync(path.join(repo, 'main.bmad'), serializeDocument(baseCanvas()));
    fs.writeFileSync(path.join(repo, MOVIE), movieBytes());

    // The person is at work on the film: its canvas is open (which is also what starts the extension).
    await s.quickOpen('bigmov/main.bmad');
    await (await s.webview()).locator('.react-flow__node').first().waitFor();
    await s.page.keyboard.press('Control+Shift+M');
    const problem = s.page.locator('.markers-panel .monaco-list-row', { hasText: `${MOVIE} is 12.0 MB and not tracked by Git LFS` });
    await problem.waitFor({ timeout: 30_000 });
    await problem.click();
    const lightbulb = problem.locator('.markers-panel-action-quickfix:not(.disabled)');
    await lightbulb.waitFor({ timeout: 30_000 });
    await lightbulb.click();
    const fix = s.page.locator('.context-view .action-item', { hasText: 'Track *.mov with Git LFS' });
    await fix.waitFor();
    await s.screenshot('lfs-track-quick-fix');
    await fix.click();

    await problem.waitFor({ state: 'detached', timeout: 30_000 });
    assert.match(fs.readFileSync(path.join(repo, '.gitattributes'), 'utf8'), /^\*\.mov filter=lfs diff=lfs merge=lfs -text$/m);
    assert.equal(git(repo, 'check-attr', 'filter', '--', MOVIE), `${MOVIE}: filter: lfs\n`);
  });
});
