import { applyOp, emptyDocument, type BmadDocument, type BmadNode, type Op } from '../../core';
import { breakDown, breakdownToOps } from '../../core/breakdown';
import type { ReviewFinding } from '../../core/review';

/** What the review tests share: a canvas made by the breakdown from a script, and ways to read it. */

export function apply(doc: BmadDocument, op: Op): BmadDocument {
  const r = applyOp(doc, op);
  if (!r.ok) throw new Error(`${op.type}: ${r.message}`);
  return r.doc;
}

/** The script's breakdown, and the canvas its ops make from an empty one. */
export function brokenDown(text: string) {
  const script = breakDown(text);
  const canvas = breakdownToOps(script, emptyDocument(), 'script.fountain').ops.reduce(apply, emptyDocument());
  return { script, canvas };
}

export const byLabel = (doc: BmadDocument, prefix: string): BmadNode => {
  const n = doc.nodes.find((x) => x.label.startsWith(prefix));
  if (!n) throw new Error(`no node labelled ${prefix}…`);
  return n;
};
export const p = (n: BmadNode) => n.params as Record<string, unknown>;
export const rules = (f: readonly ReviewFinding[]) => f.map((x) => x.rule).sort();
