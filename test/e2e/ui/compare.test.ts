// Compare Canvas with… in real VS Code: a canvas in a real git repository is compared with an older
// commit picked from the quick pick; the cards of the added, changed and removed nodes carry their
// marks, the inspector shows a changed param old → new; Restore This Version makes the canvas the
// older one in one edit, and one Ctrl+Z takes all of it back.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { paramOf, makeNode, parseDocument, serializeDocument, type BmadDocument } from '../../../core';
import { cardMarks as marks } from './canvasFrames';
import { baseCanvas, committedCanvas, git } from './gitCanvas';
import { session, until } from './session';


const readCanvas = (file: string): BmadDocument => {
  const r = parseDocument(fs.readFileSync(file, 'utf8'));
  if (!r.ok) throw new Error('the canvas does not parse');
  return r.doc;
};

describe('compare canvas with a commit (UI)', () => {
  it('marks the added, changed and removed cards; Restore is one edit that one Ctrl+Z undoes', async () => {
    const s = session();
    const { file, dir } = committedCanvas(s.workspace, 'compared', {
      type: 'batch',
      ops: [
        { type: 'remove', nodeIds: ['n_shot2'], edgeIds: [] },
        { type: 'setParams', id: 'n_shot1', params: { duration: 9 } },
        { type: 'insert', nodes: [{ ...makeNode('shot', { x: 640, y: 200 }, 'Shot 3'), id: 'n_shot3' }], edges: [] },
      ],
    });
    git(dir, 'commit', '-qam', 'recut');
    const base = baseCanvas();
    const recut = fs.readFileSync(file, 'utf8');

    await s.quickOpen('compared/compared.bmad');
    let frame = await s.webview();
    await frame.locator('.react-flow__node', { hasText: 'Shot 3' }).waitFor();
    await s.runCommand('BMAD: Compare Canvas with…');
    const pick = s.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'the base cut' });
    await pick.waitFor();
    assert.match(await pick.innerText(), /1 scene added, 2 shots added, 2 edges added/, 'each commit says what it did to the canvas');
    await pick.click();

    frame = await s.webview();
    await frame.locator('.compare-bar').waitFor();
    assert.match(await frame.locator('.compare-title').innerText(), /^Compared with [0-9a-f]{7} the base cut$/);
    await until('the marks on the cards', async () => (await marks(frame)).length === 3);
    assert.deepEqual(await marks(frame), ['n_shot1:changed', 'n_shot2:removed', 'n_shot3:added']);
    assert.match(await frame.locator('.compare-count').innerText(), /^3 changes$/);

    // Next change walks top to bottom: Shot 1 (y 200, x 320) comes before Shot 3 (y 200, x 640).
    await frame.getByRole('button', { name: '↓ Next' }).click();
    const changes = frame.locator('.inspector-changes');
    await changes.waitFor();
    assert.match(await changes.innerText(), /Changed since .*the base cut[\s\S]*duration: 4 → 9/);
    assert.match(await frame.locator('.compare-count').innerText(), /^1 of 3 changes$/);
    await s.webviewScreenshot('compare-marked');

    await frame.getByRole('button', { name: 'Restore This Version' }).click();
    await until('no marks left once the canvas is the base again', async () => (await marks(frame)).length === 0);
    assert.match(await frame.locator('.compare-count').innerText(), /^no changes$/);
    await s.page.keyboard.press('Control+S');
    await until('the restored canvas saved', () => serializeDocument(readCanvas(file)) === serializeDocument(base) && fs.readFileSync(file, 'utf8') === serializeDocument(base));

    // One Ctrl+Z takes the whole restore back: the marks come back, and saving writes the recut again.
    await frame.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await s.page.keyboard.press('Control+Z');
    await until('the marks back after one undo', async () => (await marks(frame)).length === 3);
    assert.deepEqual(await marks(frame), ['n_shot1:changed', 'n_shot2:removed', 'n_shot3:added']);
    await s.page.keyboard.press('Control+S');
    await until('the recut saved again', () => fs.readFileSync(file, 'utf8') === recut);
    await s.webviewScreenshot('compare-undone');
    await frame.getByRole('button', { name: 'Close' }).click();
    await until('compare closed', async () => (await frame.locator('.compare-bar').count()) === 0);
    assert.deepEqual(await marks(frame), []);
  });

  it('restores one node from the compared commit as one edit that one Ctrl+Z undoes', async () => {
    const s = session();
    const { file, dir, edited } = committedCanvas(s.workspace, 'restorenode', {
      type: 'batch',
      ops: [
        { type: 'remove', nodeIds: ['n_shot2'], edgeIds: [] },
        { type: 'setParams', id: 'n_shot1', params: { duration: 9 } },
      ],
    }, 'the first cut');
    const recut = serializeDocument(edited);
    git(dir, 'commit', '-qam', 'shorter');
    const base = baseCanvas();

    await s.quickOpen('restorenode/restorenode.bmad');
    let frame = await s.webview();
    await frame.locator('.react-flow__node', { hasText: 'Shot 1' }).waitFor();
    await s.runCommand('BMAD: Compare Canvas with…');
    await s.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'the first cut' }).click();
    frame = await s.webview();
    await until('the marks on the cards', async () => (await marks(frame)).length === 2);
    assert.deepEqual(await marks(frame), ['n_shot1:changed', 'n_shot2:removed']);

    // The removed Shot 2 comes back alone: Shot 1 keeps its new duration.
    await frame.locator('.react-flow__node[data-id="n_shot2"]').click();
    const restore = frame.locator('.inspector-restore');
    assert.match(await restore.innerText(), /^Restore from [0-9a-f]{7} the first cut$/);
    await restore.click();
    await until('Shot 2 back, unmarked', async () => (await marks(frame)).join() === 'n_shot1:changed');
    await s.page.keyboard.press('Control+S');
    const restored = await until('the restored node saved', () => {
      const doc = readCanvas(file);
      return doc.nodes.some((n) => n.id === 'n_shot2') ? doc : undefined;
    });
    assert.deepEqual(restored.nodes.find((n) => n.id === 'n_shot2'), base.nodes.find((n) => n.id === 'n_shot2'));
    assert.deepEqual(restored.edges.map((e) => e.id), ['e_s1', 'e_s2'], 'its edge from the scene came back too');
    assert.equal(paramOf(restored.nodes.find((n) => n.id === 'n_shot1')!, 'duration'), 9, 'the other change stays');
    await s.webviewScreenshot('compare-restored-node');

    // One Ctrl+Z takes the node and its edge back out.
    await frame.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await s.page.keyboard.press('Control+Z');
    await until('the marks back after one undo', async () => (await marks(frame)).length === 2);
    await s.page.keyboard.press('Control+S');
    await until('the recut saved again', () => fs.readFileSync(file, 'utf8') === recut);
  });
});
