// `@director` with `bmad.agent.provider = vscode-lm`, asked in the real Chat view and answered by a
// STAND-IN language model: test/e2e/lmStandIn/, a test-only extension that replays the recorded
// responses in test/fixtures/agent/ (the ones the OpenAI-compatible stand-in replays); no model runs.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { batch, emptyDocument, serializeDocument, SingleOp } from '../../../core';
import { breakDown, breakdownToOps } from '../../../core/breakdown';
import closeUp from '../../fixtures/agent/close-up.json';
import malformedOp from '../../fixtures/agent/malformed-op.json';
import notJson from '../../fixtures/agent/not-json.json';
import { fillRecorded } from '../../services/openaiStandin';
import { bmadApi, closeAll, openCanvas, parsed, waitFor } from './canvasHelpers';
import { ui, workspaceFolder } from './e2e';

const SCRIPT = 'EXT. PIER - DAY\n\nANNA waits by the rail.\n\nANNA\nHe is late again.\n\nBEN\nThe tide turned early.\n';
const RESPONSE = '.interactive-response.chat-most-recent-response';

interface StandInReport { requests: string[][]; unread: number }

/** Offers the stand-in model, which answers the next requests with these recorded chat completions. */
async function replay(fixtures: readonly unknown[], fill: Record<string, string>): Promise<void> {
  await vscode.commands.executeCommand('bmadE2E.lmStandIn.replay', fixtures.map((f) => fillRecorded(JSON.stringify(f), fill)));
}

/** Withdraws the stand-in model: what it was asked since it was offered, and what it did not get to answer. */
async function stopStandIn(): Promise<StandInReport> {
  return (await vscode.commands.executeCommand<StandInReport>('bmadE2E.lmStandIn.stop'));
}

/** Types a request into a new chat, as a person does, and returns the answer's text once it is complete. */
async function ask(request: string): Promise<string> {
  await vscode.commands.executeCommand('workbench.action.chat.newChat');
  await vscode.commands.executeCommand('workbench.action.chat.open');
  await ui.press('Control+A'); // the sticky `@director` of the last request may be there already
  await ui.type(request);
  await ui.press('Enter');
  await ui.waitFor(`${RESPONSE}:not(.chat-response-loading)`, 'visible', 30_000);
  return (await ui.evaluate(`document.querySelector('${RESPONSE} .value').innerText`)) as string;
}

const applyButtons = async (): Promise<number> =>
  (await ui.evaluate(`document.querySelectorAll('${RESPONSE} .chat-command-button').length`)) as number;

describe('@director with a VS Code language model (STAND-IN) in the Chat view', () => {
  const doc = (() => {
    const r = batch(emptyDocument(), SingleOp.array().parse(breakdownToOps(breakDown(SCRIPT), emptyDocument(), 'script.fountain').ops));
    if (!r.ok) throw new Error(r.message);
    return r.doc;
  })();
  const shot2 = doc.nodes.find((n) => n.label.startsWith('Shot 02'))!.id;
  let dir: string;
  let canvas: vscode.Uri;

  before(async () => {
    const api = await bmadApi();
    await vscode.workspace.getConfiguration('bmad.agent').update('provider', 'vscode-lm', vscode.ConfigurationTarget.Workspace);
    dir = path.join(workspaceFolder().fsPath, 'director-film');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'script.fountain'), SCRIPT);
    canvas = vscode.Uri.file(path.join(dir, 'main.bmad'));
    fs.writeFileSync(canvas.fsPath, serializeDocument(doc));
    await openCanvas(api, canvas);
    await ui.webview.waitFor('.react-flow__node');
  });
  afterEach(stopStandIn);
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.workspace.getConfiguration('bmad.agent').update('provider', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('workbench.action.chat.newChat');
    await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar');
    await closeAll();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('/shot: the model\'s ops are offered in the chat, and Apply puts them on the canvas', async () => {
    const before = fs.readFileSync(canvas.fsPath, 'utf8');
    const original = doc.nodes.find((n) => n.id === shot2)!;
    assert.deepEqual([original.label, (original.params as Record<string, unknown>).framing], ['Shot 02 · over-shoulder', 'over-shoulder']);
    await replay([closeUp], { shot2 });
    const answer = await ask('@director /shot make shot 2 a close-up');
    assert.match(answer, /^Shot 2 becomes a close-up on Ben, held a little longer\.\n/);
    assert.ok(answer.includes(`set framing, duration of ${shot2}`), answer);
    assert.ok(answer.includes(`rename ${shot2} to "Shot 02 · close-up"`), answer);
    const { requests, unread } = await stopStandIn();
    assert.equal(unread, 0);
    assert.equal(requests.length, 1, 'the chat asked the stand-in model once');
    assert.match(requests[0]!.at(-1)!, /The director asks: make shot 2 a close-up$/);
    assert.ok(requests[0]!.join('\n').includes(shot2), 'the canvas\'s shots went to the model');
    assert.equal(fs.readFileSync(canvas.fsPath, 'utf8'), before, 'nothing is applied before Apply');
    const document = await vscode.workspace.openTextDocument(canvas);
    assert.equal(document.getText(), before);

    assert.equal(await applyButtons(), 1);
    await ui.click(`${RESPONSE} .chat-command-button .monaco-button`);
    const shot = await waitFor('the proposal on the canvas document', () => {
      const s = parsed(document.getText()).nodes.find((n) => n.id === shot2)!;
      return s.label === 'Shot 02 · close-up' && s;
    });
    assert.deepEqual(shot.params, { ...original.params, framing: 'close-up', duration: 4 });
    // The chat beside it leaves the canvas too narrow for the shots; Fit View shows every card.
    assert.equal(await vscode.commands.executeCommand('bmad.fitView'), true);
    await ui.webview.waitFor(`.react-flow__node:has-text("Shot 02 · close-up")`);
    await ui.screenshot('director-vscode-lm-applied');
  });

  it('refuses malformed model output with the clear message, offers nothing and applies nothing', async () => {
    const before = (await vscode.workspace.openTextDocument(canvas)).getText();
    await replay([malformedOp, notJson], { shot2 });
    const schema = await ask('@director /shot a dutch angle for shot 2');
    assert.match(schema, /^Refused: the model's answer does not follow the op schema: ops\[2\]\.type: .*; nothing was applied\.$/);
    assert.equal(await applyButtons(), 0, 'no Apply button');
    const prose = await ask('@director /shot make shot 2 a close-up');
    assert.match(prose, /^Refused: the model's answer is not JSON \(.+\); nothing was applied\.$/);
    assert.equal(await applyButtons(), 0, 'no Apply button');
    await ui.screenshot('director-vscode-lm-refused');
    assert.equal((await stopStandIn()).requests.length, 2);
    assert.equal((await vscode.workspace.openTextDocument(canvas)).getText(), before);
  });

  it('says so when the model fails, and the chat itself says so when there is no model', async () => {
    await replay([], {}); // offered, with nothing recorded to answer
    const failed = await ask('@director /shot make shot 2 a close-up');
    assert.match(failed, /^The language model could not be asked: .*stand-in: no recorded response left/);
    await stopStandIn();
    // VS Code 1.100 refuses a chat request before any participant runs when it has no model to
    // hand it (request.model), so this is VS Code's message, for every @director command.
    assert.equal(await ask('@director /shot make shot 2 a close-up'), 'Language model unavailable');
  });
});
