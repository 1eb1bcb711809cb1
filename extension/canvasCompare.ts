import { compareView, type BmadDocument, type CanvasSettings, type ToWebview } from '../core';

/** A version the canvas is compared with: what the compare bar names, and its document. */
export interface CompareTarget {
  readonly label: string;
  readonly doc: BmadDocument;
}

type CompareMessage = Extract<ToWebview, { type: 'compare' }>;

/**
 * The compare message for the working document against `target`. The cast is the one the session's
 * asMessage explains: a parsed document's params have been checked against their kinds' schemas.
 */
export function compareMessage(target: CompareTarget, doc: BmadDocument, file: string, settings: CanvasSettings): CompareMessage {
  const view = compareView(target.doc, doc);
  const { marks, changes, order } = view;
  return { type: 'compare', file, against: target.label, doc: view.doc as unknown as CompareMessage['doc'], settings, marks, changes, order: [...order] };
}
