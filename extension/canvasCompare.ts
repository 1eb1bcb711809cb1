import { compareView, diffCanvases, diffOps, restoreNodesOps, type BmadDocument, type CanvasSettings, type Op, type ParseResult, type ToWebview } from '../core';
import { asMessage } from './documentPayload';

/** A version the canvas is compared with: what the compare bar names, and its document. */
export interface CompareTarget {
  readonly label: string;
  readonly doc: BmadDocument;
  /** What made this compare (the older side of VS Code's diff), so that only it closes it again. */
  readonly source?: object;
}

type CompareMessage = Extract<ToWebview, { type: 'compare' }>;

/**
 * The compare message for the working document against `target` (its ghosts are parsed nodes too);
 * `readOnly` names the version shown when the canvas itself cannot be written.
 */
export function compareMessage(target: CompareTarget, doc: BmadDocument, file: string, settings: CanvasSettings, readOnly?: string): CompareMessage {
  const view = compareView(target.doc, doc);
  const { marks, changes, order } = view;
  const message: CompareMessage = { type: 'compare', file, against: target.label, doc: asMessage(view.doc), settings, marks, changes, order: [...order] };
  return readOnly ? { ...message, readOnly } : message;
}

/** What restoring needs of a canvas session. */
interface Restorable {
  readonly compared: CompareTarget | undefined;
  current(): ParseResult;
  applyHostOp(op: Op): Promise<{ ok: true } | { ok: false; message: string }>;
}

/**
 * Makes the canvas what the compared version was, or only the nodes `nodeIds` (see core's
 * restoreNodesOps), as one batch op: one edit, so one undo step. Compare mode stays on, so the marks
 * show what is left.
 */
export async function restoreCompared(session: Restorable, nodeIds?: readonly string[]): Promise<{ ok: true } | { ok: false; message: string }> {
  const target = session.compared;
  if (!target) return { ok: false, message: 'the canvas is not being compared with a version' };
  const parsed = session.current();
  if (!parsed.ok) return { ok: false, message: 'the canvas has errors; fix them as text before restoring a version' };
  if (nodeIds) return session.applyHostOp(restoreNodesOps(parsed.doc, target.doc, nodeIds));
  return session.applyHostOp(diffOps(diffCanvases(parsed.doc, target.doc)));
}
