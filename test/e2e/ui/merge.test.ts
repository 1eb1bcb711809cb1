// The merge view in real VS Code: a conflict made by a real `git merge` (with the bmad merge driver,
// and without it, which leaves git's markers) opens as conflicts side by side; a person picks a side
// with the mouse, applies, saves with Ctrl+S, and the file on disk is a valid canvas with the value
// chosen and no conflicts left.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Frame } from 'playwright-core';
import { applyOp, parseDocument, serializeDocument, type BmadDocument, type Op } from '../../../core';
import { installGitDrivers } from '../../../runner/git/gitDrivers';
import { baseCanvas, git } from './gitCanvas';
import { session, until } from './session';

/** This bundle is dist/test/ui/merge.test.mjs; the CLI the drivers run is dist/cli.js next to it. */
const CLI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../cli.js');


/** Each repository's canvas has its own name, so Quick Open cannot pick another test's. */
const canvasOf = (dir: string) => path.join(dir, `${path.basename(dir)}.bmad`);

function commitEdit(dir: string, op: Op): void {
  const file = canvasOf(dir);
  const read = parseDocument(fs.readFileSync(file, 'utf8'));
  if (!read.ok) throw new Error('the scenario canvas does not parse');
  const r = applyOp(read.doc, op);
  if (!r.ok) throw new Error(r.message);
  fs.writeFileSync(file, serializeDocument(r.doc));
  git(dir, 'commit', '-qam', op.type);
}

/** A repository in the workspace where two branches set Shot 1's duration to 6 (ours) and 9 (theirs), merged. */
async function conflictedRepo(name: string, withDriver: boolean): Promise<string> {
  const dir = path.join(session().workspace, name);
  fs.mkdirSync(dir);
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.email', 'e2e@example.com');
  git(dir, 'config', 'user.name', 'E2E');
  if (withDriver) await installGitDrivers(dir, { argv: [process.execPath, CLI] });
  fs.writeFileSync(canvasOf(dir), serializeDocument(baseCanvas()));
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'base');
  git(dir, 'checkout', '-qb', 'theirs');
  commitEdit(dir, { type: 'setParams', id: 'n_shot1', params: { duration: 9 } });
  git(dir, 'checkout', '-q', 'main');
  commitEdit(dir, { type: 'setParams', id: 'n_shot1', params: { duration: 6 } });
  const merge = spawnSync('git', ['merge', '--no-edit', 'theirs'], { cwd: dir, encoding: 'utf8' });
  assert.notEqual(merge.status, 0, merge.stdout);
  assert.match(merge.stdout, /CONFLICT \(content\): Merge conflict in /, 'git reports the conflict');
  return dir;
}

/** The canvas on disk once it is saved whole and reads. */
async function savedCanvas(file: string): Promise<BmadDocument> {
  return until(`${path.basename(file)} saved as a canvas`, () => {
    const r = parseDocument(fs.readFileSync(file, 'utf8'));
    return r.ok && !r.doc.conflicts ? r.doc : undefined;
  });
}

const duration = (doc: BmadDocument) => (doc.nodes.find((n) => n.id === 'n_shot1')!.params as { duration: number }).duration;

async function applyAndSave(frame: Frame): Promise<void> {
  const s = session();
  await frame.getByRole('button', { name: 'Apply 1 of 1 choices' }).click();
  // All conflicts decided: the host sends the canvas, and the merge view gives way to it.
  await frame.locator('.react-flow__node', { hasText: 'Shot 1' }).waitFor();
  await frame.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await s.page.keyboard.press('Control+S');
}

describe('merge view (UI)', () => {
  it('a conflict from a real git merge with the bmad driver: pick theirs, apply, save: a valid canvas with 9', async () => {
    const s = session();
    const dir = await conflictedRepo('merged-by-driver', true);
    const file = canvasOf(dir);
    assert.match(fs.readFileSync(file, 'utf8'), /"conflicts": \[/, 'the driver kept the conflict in the file');
    await s.quickOpen('merged-by-driver/merged-by-driver.bmad');
    const frame = await s.webview();
    const row = frame.locator('.merge-table tr', { hasText: 'params.duration' });
    await row.waitFor();
    assert.match(await frame.locator('.merge-view h1').innerText(), /^1 merge conflict in merged-by-driver\/merged-by-driver\.bmad$/);
    assert.deepEqual((await row.locator('td').allInnerTexts()).map((t) => t.trim()), ['4', '6', '9']);
    assert.match(await frame.locator('.merge-group h2').innerText(), /"Shot 1" \(shot n_shot1\)/);
    await s.webviewScreenshot('merge-driver-conflict');
    await frame.getByLabel('theirs: params.duration').check();
    await until('the choice to show', async () => (await row.getAttribute('data-chosen')) === 'theirs');
    await s.webviewScreenshot('merge-driver-chosen');
    await applyAndSave(frame);
    const doc = await savedCanvas(file);
    assert.equal(duration(doc), 9);
    assert.equal(fs.readFileSync(file, 'utf8'), serializeDocument(doc), 'canonical text');
    await s.webviewScreenshot('merge-driver-resolved');
  });

  it('a file with plain git markers opens as the merge view; Use theirs for the node, apply, save', async () => {
    const s = session();
    const dir = await conflictedRepo('merged-as-text', false);
    const file = canvasOf(dir);
    assert.match(fs.readFileSync(file, 'utf8'), /^<{7} HEAD$/m, 'git left its markers');
    await s.quickOpen('merged-as-text/merged-as-text.bmad');
    const frame = await s.webview();
    const group = frame.locator('.merge-group', { hasText: 'Shot 1' });
    await group.waitFor();
    assert.equal(await frame.locator('.error-view').count(), 0, 'not the error view');
    assert.match(await frame.locator('.merge-view').innerText(), /git's conflict markers/);
    const text = await group.innerText();
    assert.match(text, /duration: 6/, 'ours is shown');
    assert.match(text, /duration: 9/, 'theirs is shown');
    await s.webviewScreenshot('merge-markers-conflict');
    await group.getByRole('button', { name: 'Use theirs for this node' }).click();
    await applyAndSave(frame);
    const doc = await savedCanvas(file);
    assert.equal(duration(doc), 9);
    assert.doesNotMatch(fs.readFileSync(file, 'utf8'), /^(<{7}|={7}|>{7})/m);
    await s.webviewScreenshot('merge-markers-resolved');
  });
});
