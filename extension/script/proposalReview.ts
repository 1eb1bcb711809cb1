import * as vscode from 'vscode';
import { applyOp, type BmadDocument, type CanvasSettings, type ParseResult, type SingleOp, type ToHost, type ToWebview } from '../../core';
import { acceptPick, narrowProposal, rejectPick, touchedIds, type Proposal } from '../../core/breakdown';
import { sha256Text } from '../../runner/hash';
import { compareMessage } from '../canvasCompare';

type Outcome = { ok: true } | { ok: false; message: string };
type CompareMessage = Extract<ToWebview, { type: 'compare' }>;
type ProposalAction = Extract<ToHost, { type: 'proposalAction' }>;

/** A proposal shown on its canvas for review: `proposal.ops` are the ones not decided yet. */
export interface ProposalUnderReview {
  readonly proposal: Proposal;
  /** Writes what is left of the proposal to its file, or removes the file when nothing is. */
  save(left: Proposal | undefined): Promise<void>;
  /** The review before the last accept, and the hash of the canvas then: an undo brings it back. */
  readonly before?: { readonly sha256: string; readonly review: ProposalUnderReview };
}

/** The review as it was when the canvas last had this text (an accept undone), if it is an earlier one. */
function reviewAt(review: ProposalUnderReview, sha256: string): ProposalUnderReview | undefined {
  for (let r = review.before; r; r = r.review.before) if (r.sha256 === sha256) return r.review;
  return undefined;
}

/** What reviewing needs of a canvas session. */
interface Reviewing {
  reviewing: ProposalUnderReview | undefined;
  readonly uri: vscode.Uri;
  readonly document: vscode.TextDocument;
  readonly log: vscode.LogOutputChannel;
  current(): ParseResult;
  sendCurrent(): void;
  applyHostOp(op: { type: 'batch'; ops: SingleOp[] }): Promise<Outcome>;
}

/** Shows `review`'s proposal on the session's canvas, applied in preview and marked (read-only), or ends the review. */
export function setReview(session: Reviewing, review: ProposalUnderReview | undefined): void {
  session.reviewing = review;
  session.sendCurrent();
}

/**
 * The canvas with the proposal applied in preview, marked against the canvas as it is (the compare
 * marks). When its ops no longer apply (the canvas was edited meanwhile), the review ends, saying why.
 */
export function reviewShown(session: Reviewing, doc: BmadDocument, settings: CanvasSettings): CompareMessage | undefined {
  const earlier = reviewAt(session.reviewing!, sha256Text(session.document.getText()));
  if (earlier) {
    session.reviewing = earlier;
    void earlier.save(earlier.proposal);
  }
  const { proposal } = session.reviewing!;
  const file = vscode.workspace.asRelativePath(session.uri, false);
  const preview = applyOp(doc, { type: 'batch', ops: proposal.ops as SingleOp[] });
  if (preview.ok) return { ...compareMessage({ label: `proposal from ${proposal.by}`, doc }, preview.doc, file, settings), proposal: { by: proposal.by } };
  session.reviewing = undefined;
  session.log.warn(`${file}: review ended: the proposal no longer applies: ${preview.message}`);
  void vscode.window.showWarningMessage(`BMAD: the proposal no longer applies to ${file}: ${preview.message}`);
  return undefined;
}

/** Decides (see decide); a refusal is logged and shown. */
export async function decideProposal(session: Reviewing, msg: ProposalAction): Promise<void> {
  const r = await decide(session, msg);
  if (r.ok) return;
  session.log.warn(`${vscode.workspace.asRelativePath(session.uri, false)}: the proposal was not ${msg.action}ed: ${r.message}`);
  void vscode.window.showErrorMessage(`BMAD: ${r.message}`);
}

/**
 * Accepts or rejects part of the proposal (what depends on it goes along: core's acceptPick and
 * rejectPick), or all of it. Accepted ops are written as one batch, so one undo takes them back; the
 * proposal file then holds only what is still undecided, and goes when nothing is.
 */
async function decide(session: Reviewing, msg: ProposalAction): Promise<Outcome> {
  const review = session.reviewing;
  if (!review) return { ok: false, message: 'no proposal is being reviewed on this canvas' };
  if (msg.action === 'close') {
    setReview(session, undefined);
    return { ok: true };
  }
  const parsed = session.current();
  if (!parsed.ok) return { ok: false, message: 'the canvas has errors; fix them as text first' };
  const ops = review.proposal.ops as SingleOp[];
  const all = [...touchedIds(ops)];
  const pick = { nodes: msg.nodeIds ?? all, edges: msg.nodeIds ? [] : all };
  const { picked, rest } = (msg.action === 'accept' ? acceptPick : rejectPick)(ops, parsed.doc, pick);
  const left = (sha: string) => narrowProposal(review.proposal, rest, sha);
  const shaBefore = sha256Text(session.document.getText());
  const accepting = msg.action === 'accept' && picked.length > 0;
  const next: ProposalUnderReview | undefined = rest.length
    ? { proposal: left(shaBefore), save: review.save, before: accepting ? { sha256: shaBefore, review } : review.before }
    : undefined;
  if (accepting) {
    // Narrowed but not shown before the write: the canvas redrawn after it shows only what is still
    // proposed (the rest may need what was accepted, so it cannot be shown on the canvas before).
    session.reviewing = next;
    const r = await session.applyHostOp({ type: 'batch', ops: picked });
    if (!r.ok) {
      setReview(session, review);
      return r;
    }
  } else {
    setReview(session, next);
  }
  await review.save(rest.length ? left(sha256Text(session.document.getText())) : undefined);
  return { ok: true };
}
