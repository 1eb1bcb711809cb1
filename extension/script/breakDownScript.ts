import path from 'node:path';
import * as vscode from 'vscode';
import { createBreakdownCache, type BreakdownCache, type Proposal } from '../../core/breakdown';
import { breakDownScript, makeProposal, proposalFileFor, proposalSummaryText, saveProposal } from '../../runner/breakdown/proposal';
import { UserError } from '../../runner/errors';
import type { SessionRegistry } from '../sessionRegistry';
import { applyProposal } from './applyProposal';
import { pickTarget, type BreakdownTarget } from './breakdownTarget';
import { reviewProposal } from './reviewProposal';
import { showingUserErrors } from './userErrors';

/** What the command did, for tests and keybindings: where the proposal went and what became of it. */
export interface BreakDownResult {
  readonly canvas: string;
  readonly proposalFile: string;
  readonly summary: Proposal['summary'];
  readonly outcome: 'applied' | 'review' | 'dismissed' | 'failed' | 'nothing';
}

const SHOWN_CHANGES = 15;
/**
 * Per script and canvas, what the last run found: a writer who edits a line and breaks down again gets
 * only the changed scenes re-done (the same result as a fresh run, sooner).
 */
const caches = new Map<string, BreakdownCache>();

/**
 * BMAD: Break Down Script. The breakdown and its proposal are `bmad breakdown --apply`'s own code; the
 * proposal file is written beside the canvas, then a dialog offers to apply all of it (one undoable
 * edit) or to review it on the canvas, node by node.
 */
export function registerBreakDownScript(sessions: SessionRegistry, log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand('bmad.breakDownScript', (arg?: unknown) =>
    showingUserErrors('Break Down Script', log, async (): Promise<BreakDownResult | undefined> => {
      const target = await pickTarget(sessions, arg);
      return target && (await breakDown(sessions, target, log));
    }));
}

async function breakDown(sessions: SessionRegistry, t: BreakdownTarget, log: vscode.LogOutputChannel): Promise<BreakDownResult> {
  const shownScript = vscode.workspace.asRelativePath(t.script, false);
  const shownCanvas = vscode.workspace.asRelativePath(t.canvas.uri, false);
  const scriptText = await readScript(t.script, shownScript);
  const canvas = t.canvas.uri.fsPath;
  const key = `${t.script}\0${canvas}`;
  const cache = caches.get(key) ?? caches.set(key, createBreakdownCache()).get(key);
  const breakdown = breakDownScript(scriptText, shownScript, cache);
  const proposal = makeProposal({ breakdown, scriptText, script: t.script, canvas, doc: t.canvas.doc, canvasText: t.canvas.text, cache });
  const result = (outcome: BreakDownResult['outcome']): BreakDownResult =>
    ({ canvas: shownCanvas, proposalFile: proposalFileFor(shownCanvas), summary: proposal.summary, outcome });
  if (proposal.ops.length === 0) {
    void vscode.window.showInformationMessage(`BMAD: ${shownCanvas} is already in step with ${shownScript}.`);
    return result('nothing');
  }
  // Asked for here and now, so an older proposal is replaced: it was made from an older script or canvas.
  saveProposal(proposal, canvas, shownCanvas, true);
  log.info(`Break Down Script: wrote ${proposalFileFor(shownCanvas)} (${proposalSummaryText(proposal.summary)})`);
  const choice = await vscode.window.showInformationMessage(
    `Break Down Script: ${shownScript} → ${shownCanvas}`,
    { modal: true, detail: changeList(proposal) },
    'Apply All',
    'Review…',
  );
  const proposalUri = vscode.Uri.file(proposalFileFor(canvas));
  if (choice === 'Review…') {
    await reviewProposal(sessions, proposalUri);
    return result('review');
  }
  if (choice !== 'Apply All') return result('dismissed');
  const applied = await applyProposal(sessions, t.canvas.uri, proposal);
  if (!applied.ok) {
    log.warn(`Break Down Script: not applied: ${applied.message}`);
    void vscode.window.showErrorMessage(`BMAD: the proposal was not applied: ${applied.message}`);
    return result('failed');
  }
  // Applied: the proposal is spent, and a later `bmad breakdown --apply` must not find it in the way.
  await vscode.workspace.fs.delete(proposalUri);
  return result('applied');
}

async function readScript(file: string, shown: string): Promise<string> {
  try {
    return (await vscode.workspace.openTextDocument(vscode.Uri.file(file))).getText();
  } catch (e) {
    throw new UserError(`${shown}: cannot read the script: ${(e as Error).message}`);
  }
}

/** The summary and what changes, node by node (the first few), for the dialog. */
function changeList(p: Proposal): string {
  const shown = p.changes.filter((c) => c.change !== 'keep' || c.handEdited.length > 0);
  const lines = shown.slice(0, SHOWN_CHANGES).map((c) => {
    const where = c.lines ? ` (script lines ${c.lines.from}–${c.lines.to})` : '';
    const kept = c.handEdited.length ? `, keeps your ${c.handEdited.join(', ')}` : '';
    return `${c.change} ${c.kind} ${c.key}${where}${kept}`;
  });
  if (shown.length > SHOWN_CHANGES) lines.push(`… and ${shown.length - SHOWN_CHANGES} more`);
  return [`${proposalSummaryText(p.summary)}.`, '', ...lines, '', `Written to ${path.basename(proposalFileFor(p.canvas))}.`].join('\n');
}
