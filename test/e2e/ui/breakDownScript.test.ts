// Break Down Script as a person does it in real VS Code: select the script node on the canvas, press
// its Break Down Script button, read the modal dialog, Apply All; the canvas shows the new nodes, and
// one Ctrl+Z on the canvas takes the whole breakdown back. The file on disk says what the user got.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parseDocument, type BmadDocument } from '../../../core';
import { writeProjectTemplate } from '../../../runner/newProject/template';
import { starterScript } from '../../../runner/newProject/starterCanvas';
import { Proposal } from '../../../core/breakdown';
import { session, until, type E2ESession } from './session';

const SECOND_SCENE = `
EXT. HARBOUR WALL - DAWN

JONAH runs along the wall with a lantern.

JONAH
Mara! The boat is back!

MARA
I know. I watched it all night.
`;

/** The canvas on disk, or undefined while a save is half-written. */
function onDisk(file: string): BmadDocument | undefined {
  const r = parseDocument(fs.readFileSync(file, 'utf8'));
  return r.ok ? r.doc : undefined;
}

/**
 * A new project in `folder` whose script has a second scene; its canvas opened, the script node
 * selected and its Break Down Script pressed: the dialog is up.
 */
async function breakDownFromScriptNode(s: E2ESession, folder: string) {
  const root = path.join(s.workspace, folder);
  await writeProjectTemplate(root, { name: 'Two Lights', defaultTier: 'low' });
  const script = path.join(root, '02_Source_Creative', 'script.fountain');
  const canvas = path.join(root, '02_Source_Creative', 'main.bmad');
  fs.writeFileSync(script, starterScript('Two Lights') + SECOND_SCENE);
  const before = fs.readFileSync(canvas, 'utf8');

  await s.quickOpen(`${folder}/02_Source_Creative/main.bmad`);
  const frame = await s.webview();
  // By id: a card's text match would also find the Scene card, whose input port is named "script".
  const scriptNode = onDisk(canvas)!.nodes.find((n) => n.kind === 'script')!;
  const scriptCard = frame.locator(`.react-flow__node[data-id="${scriptNode.id}"]`);
  await scriptCard.waitFor();
  const nodesBefore = await frame.locator('.react-flow__node').count();
  await scriptCard.locator('.card-header').click();
  await frame.locator('.inspector vscode-button', { hasText: 'Break Down Script' }).click();

  const dialog = s.page.locator('.monaco-dialog-box').filter({ hasText: 'Break Down Script' });
  await dialog.waitFor();
  return { canvas, before, frame, scriptCard, nodesBefore, dialog };
}

describe('Break Down Script (UI)', () => {
  it('from the script node: the dialog lists the proposal, Apply All is one edit, one Ctrl+Z undoes it', async () => {
    const s = session();
    const { canvas, before, frame, scriptCard, nodesBefore, dialog } = await breakDownFromScriptNode(s, 'two-lights');
    const text = await dialog.innerText();
    assert.match(text, /Break Down Script: two-lights\/02_Source_Creative\/script\.fountain → two-lights\/02_Source_Creative\/main\.bmad/);
    assert.match(text, /\d+ to add, \d+ to update, \d+ to link, 0 to remove/);
    assert.match(text, /add scene scene:EXT\. HARBOUR WALL - DAWN:1 \(script lines \d+–\d+\)/);
    assert.ok(fs.existsSync(`${canvas}.proposal.json`), 'the proposal file is written before the question');
    await s.screenshot('breakdown-dialog');
    await dialog.getByRole('button', { name: 'Apply All' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await frame.locator('.react-flow__node', { hasText: 'HARBOUR WALL' }).first().waitFor();
    const nodesAfter = await frame.locator('.react-flow__node').count();
    assert.ok(nodesAfter > nodesBefore, `the canvas shows the new nodes (${nodesBefore} → ${nodesAfter})`);
    await until('the applied proposal to be removed', () => !fs.existsSync(`${canvas}.proposal.json`));
    await s.webviewScreenshot('breakdown-applied');
    await s.page.keyboard.press('Control+S');
    const applied = await until('the breakdown saved to disk', () => {
      const d = onDisk(canvas);
      return d?.nodes.some((n) => n.kind === 'character' && (n.params as { name?: string }).name === 'Jonah') && d;
    });
    const headings = applied.nodes.filter((n) => n.kind === 'scene').map((n) => (n.params as { heading: string }).heading).sort();
    assert.deepEqual(headings, ['EXT. HARBOUR WALL - DAWN', 'INT. LIGHTHOUSE LAMP ROOM - NIGHT']);

    // One press, with the canvas focused, takes back all of it (a click in the pane's corner focuses it).
    await frame.locator('.react-flow__pane').click({ position: { x: 20, y: 20 }, force: true });
    await s.page.keyboard.press('Control+Z');
    await frame.locator('.react-flow__node', { hasText: 'HARBOUR WALL' }).first().waitFor({ state: 'detached' });
    await s.page.keyboard.press('Control+S');
    await until('the undone canvas saved to disk', () => fs.readFileSync(canvas, 'utf8') === before);
    assert.equal(await frame.locator('.react-flow__node').count(), nodesBefore, 'one press undid the whole breakdown');
    await s.webviewScreenshot('breakdown-undone');

    // The script node opens its script.
    await scriptCard.locator('.card-header').click();
    await frame.locator('.inspector vscode-button', { hasText: 'Open Script' }).click();
    await s.page.locator('.tab.active', { hasText: 'script.fountain' }).waitFor();
  });

  it('Review… shows the proposal on the canvas, marked; one node accepted is one edit, Ctrl+Z undoes it, redo accepts it again; Accept All, undo, redo; Reject All ends it', async () => {
    const s = session();
    const { canvas, before, frame, nodesBefore, dialog } = await breakDownFromScriptNode(s, 'two-lights-review');
    const proposalFile = `${canvas}.proposal.json`;
    await dialog.getByRole('button', { name: 'Review…' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const bar = frame.locator('.compare-bar.is-proposal');
    await bar.waitFor();
    const barText = await bar.innerText();
    const counted = /Proposal from bmad breakdown:\s*(\d+) added, (\d+) changed, 0 removed/.exec(barText);
    assert.ok(counted, barText);
    const [proposed, changed] = [Number(counted[1]), Number(counted[2])];
    // Only the cards in view are drawn: those are counted here.
    const added = frame.locator('.react-flow__node.diff-added');
    const addedShown = await added.count();
    assert.ok(proposed > 2 && addedShown > 2, `the proposed nodes are on the canvas, marked as added (${addedShown} of ${proposed} in view)`);
    assert.equal(fs.readFileSync(canvas, 'utf8'), before, 'nothing is written while the proposal is reviewed');
    await s.webviewScreenshot('proposal-review');

    // Accept one node: the new scene's card, from its inspector.
    const sceneCard = added.filter({ hasText: 'HARBOUR WALL' }).first();
    const sceneId = (await sceneCard.getAttribute('data-id'))!;
    await sceneCard.locator('.card-header').click();
    await frame.locator('.inspector h3', { hasText: 'Proposed: to add' }).waitFor();
    await frame.locator('.inspector vscode-button', { hasText: 'Accept' }).click();
    const card = frame.locator(`.react-flow__node[data-id="${sceneId}"]`);
    await until('the accepted card to lose its mark', async () => !/\bdiff-added\b/.test((await card.getAttribute('class')) ?? 'diff-added'));
    assert.equal(await added.count(), addedShown - 1, 'the other proposed nodes are still proposed');
    await bar.locator('.compare-count', { hasText: `${proposed - 1} added, ${changed} changed` }).waitFor();
    const left = await until('the proposal file to drop the accepted node', () => {
      const p = Proposal.parse(JSON.parse(fs.readFileSync(proposalFile, 'utf8')));
      return !p.changes.some((c) => c.id === sceneId) && p;
    });
    assert.equal(left.summary.added, proposed - 1, 'what is left to add is in the proposal file');
    await s.webviewScreenshot('proposal-accepted-one');
    await s.page.keyboard.press('Control+S');
    const accepted = await until('the accepted node saved to disk', () => {
      const d = onDisk(canvas);
      return d?.nodes.some((n) => n.id === sceneId) && d;
    });
    const original = parseDocument(before);
    assert.ok(original.ok);
    assert.deepEqual(accepted.nodes.map((n) => n.id).sort(), [...original.doc.nodes.map((n) => n.id), sceneId].sort(), 'only the accepted node was added');

    // One Ctrl+Z, with the canvas focused, takes the accepted node back.
    await frame.locator('.react-flow__pane').click({ position: { x: 20, y: 20 }, force: true });
    await s.page.keyboard.press('Control+Z');
    await s.page.keyboard.press('Control+S');
    await until('the undone canvas saved to disk', () => fs.readFileSync(canvas, 'utf8') === before);
    // The undone node is proposed again, on the canvas and in the proposal file.
    await bar.locator('.compare-count', { hasText: `${proposed} added, ${changed} changed` }).waitFor();
    /** What the proposal file has left to add; undefined while it is missing or half-written. */
    const proposedOnFile = (): number | undefined => {
      try {
        return Proposal.parse(JSON.parse(fs.readFileSync(proposalFile, 'utf8'))).summary.added;
      } catch {
        return undefined;
      }
    };
    await until('the proposal file to hold the node again', () => proposedOnFile() === proposed);
    await s.webviewScreenshot('proposal-accept-undone');

    // Redo accepts it again: off the proposal (bar and file), onto the canvas and to disk; undo again,
    // and redo once more (by its other chord): the review follows every step.
    for (const [round, redo] of [[1, 'Control+Shift+Z'], [2, 'Control+Y']] as const) {
      await s.page.keyboard.press(redo);
      await bar.locator('.compare-count', { hasText: `${proposed - 1} added, ${changed} changed` }).waitFor();
      await until(`round ${round}: the card of the redone accept to lose its mark`, async () => !/\bdiff-added\b/.test((await card.getAttribute('class')) ?? 'diff-added'));
      await until(`round ${round}: the proposal file to drop the node again`, () => proposedOnFile() === proposed - 1);
      await s.page.keyboard.press('Control+S');
      await until(`round ${round}: the redone accept saved to disk`, () => onDisk(canvas)?.nodes.some((n) => n.id === sceneId));
      if (round === 1) await s.webviewScreenshot('proposal-accept-redone');

      await s.page.keyboard.press('Control+Z');
      await bar.locator('.compare-count', { hasText: `${proposed} added, ${changed} changed` }).waitFor();
      await until(`round ${round}: the proposal file to hold the node again`, () => proposedOnFile() === proposed);
      await s.page.keyboard.press('Control+S');
      await until(`round ${round}: the undone canvas saved to disk`, () => fs.readFileSync(canvas, 'utf8') === before);
    }

    // Accept All leaves nothing to decide: the bar and the proposal file go. An undo brings both back,
    // a redo takes them again, and one more undo brings them back for the Reject All below.
    await bar.locator('button', { hasText: 'Accept All' }).click();
    await bar.waitFor({ state: 'detached' });
    await until('the emptied proposal file to be removed', () => !fs.existsSync(proposalFile));
    assert.equal(await added.count(), 0, 'nothing is marked as proposed any more');
    await frame.locator('.react-flow__pane').click({ position: { x: 20, y: 20 }, force: true });
    await s.page.keyboard.press('Control+S');
    const all = await until('all of it saved to disk', () => {
      const d = onDisk(canvas);
      return d && d.nodes.length > original.doc.nodes.length && d;
    });
    assert.equal(all.nodes.filter((n) => !original.doc.nodes.some((o) => o.id === n.id)).length, proposed, 'every proposed node was added');
    const undoAcceptAll = async () => {
      await s.page.keyboard.press('Control+Z');
      await bar.locator('.compare-count', { hasText: `${proposed} added, ${changed} changed` }).waitFor();
      await until('the proposal file to come back whole', () => proposedOnFile() === proposed);
      await s.page.keyboard.press('Control+S');
      await until('the undone canvas saved to disk', () => fs.readFileSync(canvas, 'utf8') === before);
    };
    await undoAcceptAll();
    await s.page.keyboard.press('Control+Shift+Z');
    await bar.waitFor({ state: 'detached' });
    await until('the proposal file to be removed again', () => !fs.existsSync(proposalFile));
    await undoAcceptAll();

    await bar.locator('button', { hasText: 'Reject All' }).click();
    await bar.waitFor({ state: 'detached' });
    await until('the rejected proposal file to be removed', () => !fs.existsSync(proposalFile));
    assert.equal(await frame.locator('.react-flow__node').count(), nodesBefore, 'nothing of the proposal is left on the canvas');
    assert.equal(fs.readFileSync(canvas, 'utf8'), before);
    await s.webviewScreenshot('proposal-rejected');
  });
});
