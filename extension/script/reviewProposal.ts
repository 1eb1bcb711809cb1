import * as vscode from 'vscode';
import { issueMessage } from '../../core/issues';
import { Proposal, startTimeline } from '../../core/breakdown';
import { UserError } from '../../runner/errors';
import { sha256Text } from '../../runner/hash';
import type { SessionRegistry } from '../sessionRegistry';
import { canvasSession } from './applyProposal';
import { setReview } from './proposalReview';
import { showingUserErrors } from './userErrors';

const SUFFIX = '.proposal.json';
const isProposalFile = (uri: vscode.Uri) => uri.path.endsWith(SUFFIX);

/** The proposal file's text, checked; a bad one names the file and the JSON path. */
async function readProposal(file: vscode.Uri): Promise<Proposal> {
  const shown = vscode.workspace.asRelativePath(file, false);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(file)));
  } catch (e) {
    throw new UserError(`${shown}: cannot read the proposal: ${(e as Error).message}`);
  }
  const r = Proposal.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new UserError(`${shown}: not a proposal: at ${['$', ...issue.path.map(String)].join('.')}: ${issueMessage(issue)}`);
  }
  return r.data;
}

/**
 * Shows a proposal on the canvas it is for (`<canvas>.proposal.json` → `<canvas>`): applied in
 * preview, marked, to accept or reject in whole or per node. Refused when the canvas changed since
 * the proposal was made: its ops were not made for what the canvas is now.
 */
export async function reviewProposal(sessions: SessionRegistry, file: vscode.Uri): Promise<void> {
  const proposal = await readProposal(file);
  const canvas = file.with({ path: file.path.slice(0, -SUFFIX.length) });
  const session = await canvasSession(sessions, canvas);
  if (sha256Text(session.document.getText()) !== proposal.canvasSha256) {
    throw new UserError(`${vscode.workspace.asRelativePath(canvas, false)} has changed since the proposal was made; ask for it again`);
  }
  session.panel.reveal();
  setReview(session, { timeline: startTimeline(proposal), save: proposalSaver(file) });
}

/**
 * Writes what is left of a proposal to `file`, or removes it when nothing is. Undo and redo can come
 * faster than the disk: each write waits for the one before, so the file ends as the last one says.
 */
function proposalSaver(file: vscode.Uri): (left: Proposal | undefined) => Promise<void> {
  let last: Promise<unknown> = Promise.resolve();
  return (left) => {
    const write = last.then(async () => {
      if (left) return vscode.workspace.fs.writeFile(file, new TextEncoder().encode(`${JSON.stringify(left, null, 2)}\n`));
      try {
        await vscode.workspace.fs.delete(file);
      } catch (e) {
        // Already gone is what was asked for.
        if (!(e instanceof vscode.FileSystemError && e.code === 'FileNotFound')) throw e;
      }
    });
    last = write.catch(() => undefined);
    return write;
  };
}

/** BMAD: Review Proposal on Canvas: the given proposal file, or the one in the active editor. */
export function registerReviewProposal(sessions: SessionRegistry, log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand('bmad.reviewProposal', (arg?: unknown) => showingUserErrors('Review Proposal', log, async () => {
    const file = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
    if (!file || !isProposalFile(file)) throw new UserError(`open a canvas's ${SUFFIX} file first`);
    await reviewProposal(sessions, file);
    return true;
  }));
}
