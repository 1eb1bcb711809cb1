import * as vscode from 'vscode';
import { applyOp, type BmadDocument, type CanvasSettings, type ParseResult, type SingleOp, type ToHost, type ToWebview } from '../../core';
import { acceptIn, acceptWritten, rejectIn, timelineAt, touchedIds, undecided, type Proposal, type ReviewTimeline } from '../../core/breakdown';
import { sha256Text } from '../../runner/hash';
import { compareMessage } from '../canvasCompare';

type Outcome = { ok: true } | { ok: false; message: string };
type CompareMessage = Extract<ToWebview, { type: 'compare' }>;
type ProposalAction = Extract<ToHost, { type: 'proposalAction' }>;

/**
 * A proposal reviewed on its canvas. The timeline follows the canvas's undo and redo (core's
 * reviewTimeline): what is undecided is its current state, which may be empty after Accept All
 * until an undo brings the proposal back.
 */
export interface ProposalUnderReview {
  readonly timeline: ReviewTimeline;
  /** Writes what is left of the proposal to its file, or removes the file when nothing is. */
  save(left: Proposal | undefined): Promise<void>;
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

/** Moves the review to `timeline` and writes what is undecided then, made against the canvas text `sha256`. */
function moveTo(session: Reviewing, review: ProposalUnderReview, timeline: ReviewTimeline, sha256: string): Promise<void> {
  session.reviewing = { ...review, timeline };
  const left = undecided(timeline);
  return review.save(left.ops.length ? { ...left, canvasSha256: sha256 } : undefined);
}

/**
 * The canvas with the proposal applied in preview, marked against the canvas as it is (the compare
 * marks); undefined when nothing is undecided (the plain canvas is shown, and an undo may bring the
 * proposal back). An undo or redo of an accept first moves the review along with the canvas. When the
 * ops no longer apply (the canvas was edited meanwhile), the review ends, saying why; the proposal
 * file keeps what was undecided.
 */
export function reviewShown(session: Reviewing, doc: BmadDocument, settings: CanvasSettings): CompareMessage | undefined {
  const review = session.reviewing!;
  const sha256 = sha256Text(session.document.getText());
  const timeline = timelineAt(review.timeline, sha256);
  if (timeline !== review.timeline) {
    moveTo(session, review, timeline, sha256).catch((e: unknown) => session.log.warn(`${session.uri.fsPath}: the proposal file was not written: ${(e as Error).message}`));
  }
  const proposal = undecided(timeline);
  if (!proposal.ops.length) return undefined;
  const file = vscode.workspace.asRelativePath(session.uri, false);
  const preview = applyOp(doc, { type: 'batch', ops: proposal.ops as SingleOp[] });
  if (preview.ok) return { ...compareMessage({ label: `proposal from ${proposal.by}`, doc }, preview.doc, file, settings), proposal: { by: proposal.by } };
  session.reviewing = undefined;
  session.log.warn(`${file}: review ended: the proposal no longer applies: ${preview.message}`);
  void vscode.window.showWarningMessage(
    `BMAD: the proposal no longer applies to ${file}, so its review ended: ${preview.message}. Its file keeps what was undecided.`,
  );
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
 * Accepts or rejects part of the proposal (what depends on it goes along: core's reviewTimeline), or all of it. Accepted ops are written as one batch, so one undo takes them back
 * and one redo applies them again; the proposal file then holds only what is still undecided, and
 * goes when nothing is.
 */
async function decide(session: Reviewing, msg: ProposalAction): Promise<Outcome> {
  const review = session.reviewing;
  const ops = review && (undecided(review.timeline).ops as SingleOp[]);
  if (!review || !ops?.length) return { ok: false, message: 'no proposal is being reviewed on this canvas' };
  if (msg.action === 'close') {
    setReview(session, undefined);
    return { ok: true };
  }
  const parsed = session.current();
  if (!parsed.ok) return { ok: false, message: 'the canvas has errors; fix them as text first' };
  const all = [...touchedIds(ops)];
  const pick = { nodes: msg.nodeIds ?? all, edges: msg.nodeIds ? [] : all };
  const shaBefore = sha256Text(session.document.getText());
  if (msg.action === 'reject') {
    const saved = moveTo(session, review, rejectIn(review.timeline, parsed.doc, pick), shaBefore);
    session.sendCurrent();
    await saved;
    return { ok: true };
  }
  const { picked, timeline } = acceptIn(review.timeline, parsed.doc, pick, shaBefore);
  if (!picked.length) return { ok: true };
  // Narrowed but not shown before the write: the canvas redrawn after it shows only what is still
  // proposed (the rest may need what was accepted, so it cannot be shown on the canvas before).
  session.reviewing = { ...review, timeline };
  const r = await session.applyHostOp({ type: 'batch', ops: picked });
  if (!r.ok) {
    setReview(session, review);
    return r;
  }
  const shaAfter = sha256Text(session.document.getText());
  // Unset when the rest no longer applied to what was written (reviewShown said why).
  const now = session.reviewing;
  if (now) await moveTo(session, now, acceptWritten(now.timeline, shaAfter), shaAfter);
  return { ok: true };
}
