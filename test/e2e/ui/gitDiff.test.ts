// VS Code's own diff of a canvas in real VS Code: a committed canvas is changed on disk and its change
// opened from the Source Control view by clicking the file, as a person would. VS Code opens our
// editor on both sides; the right one (the working file) marks what changed against the left, the left
// one (a `git:` URI, the index) says which version it shows and refuses edits.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { Frame } from 'playwright-core';
import { makeNode, serializeDocument } from '../../../core';
import { committedCanvas } from './gitCanvas';
import { cardMarks, canvasFrames } from './canvasFrames';
import { session, until } from './session';

describe('VS Code diff of a canvas (UI)', () => {
  // The two sides load at the same moment, and now and then one page starts outside VS Code's webview
  // service worker: its webview.js fails (net::ERR_NAME_NOT_RESOLVED) and, before the page's load
  // watch (extension/pageLoadWatch.ts), that side stayed blank. The page now reports it and is loaded
  // again; the extension log says so ("loading the page again").
  it('opened from Source Control: the right side marks the changes, the left is read-only', async () => {
    const s = session();
    const { file, edited } = committedCanvas(s.workspace, 'scmdiff', {
      type: 'batch',
      ops: [
        { type: 'setParams', id: 'n_shot1', params: { duration: 7 } },
        { type: 'insert', nodes: [{ ...makeNode('shot', { x: 640, y: 200 }, 'Shot 3'), id: 'n_shot3' }], edges: [] },
      ],
    });
    const changed = serializeDocument(edited);

    // Opening the file lets VS Code's git find the repository (a folder inside the workspace); the
    // canvas stays open in its own tab, as it would for a person who then looks at their changes.
    await s.quickOpen('scmdiff/scmdiff.bmad');
    await (await s.webview()).locator('.react-flow__node', { hasText: 'Shot 3' }).waitFor();
    await s.page.keyboard.press('Control+Shift+G');
    const row = s.page.locator('.scm-view .monaco-list-row', { hasText: 'scmdiff.bmad' });
    await row.first().waitFor({ timeout: 30000 });
    await row.first().click();
    await s.page.locator('.tab.active', { hasText: 'scmdiff.bmad (Working Tree)' }).waitFor();

    // Two canvases side by side in the diff: left the index, right the working file.
    const [left, right] = await until('both sides of the diff drawn', async () => {
      const frames = await canvasFrames(s.page);
      return frames.length === 2 && frames.every((f) => f.nodes > 0) ? frames.map((f) => f.frame) : undefined;
    }, 30000) as [Frame, Frame];
    await until('the right side marked', async () => (await cardMarks(right)).length === 2);
    assert.deepEqual(await cardMarks(right), ['n_shot1:changed', 'n_shot3:added']);
    assert.match(await right.locator('.compare-title').innerText(), /^Compared with git index$/);
    assert.deepEqual(await cardMarks(left), [], 'the older side shows the version as it was');
    assert.equal(await left.locator('.react-flow__node').count(), 3);
    assert.match(await left.locator('.compare-bar.is-readonly').innerText(), /^read-only: git index$/);

    // The changed param old → new in the right side's inspector.
    await right.locator('.react-flow__node[data-id="n_shot1"]').click();
    assert.match(await right.locator('.inspector-changes').innerText(), /Changed since git index[\s\S]*duration: 4 → 7/);
    await s.screenshot('gitdiff-both-sides');

    // The left refuses an edit: Delete on a selected card says why, and the card stays.
    await left.locator('.react-flow__node[data-id="n_shot2"]').click();
    await s.page.keyboard.press('Delete');
    await until('the refusal shown', async () => /read-only: git index/.test(await left.locator('.status-bar').innerText()));
    assert.equal(await left.locator('.react-flow__node[data-id="n_shot2"]').count(), 1);
    await s.screenshot('gitdiff-left-refuses');
    assert.equal(fs.readFileSync(file, 'utf8'), changed, 'the file on disk is untouched');
  });
});
