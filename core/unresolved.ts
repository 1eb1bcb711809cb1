import { conflictLine } from './canvasListing';
import type { LocatedIssue } from './issues';
import { LineIndex } from './lineIndex';
import { PathLocator } from './jsonLocate';
import type { BmadDocument } from './schema';

/**
 * Why a canvas a merge left undecided cannot be rendered: one issue per conflict, located at its
 * entry in the `conflicts` field, so `file:line:col` leads to it. Rendering would pick ours' side
 * silently, which is a choice the person has not made.
 */
export function unresolvedConflicts(text: string, doc: BmadDocument): LocatedIssue[] {
  const conflicts = doc.conflicts ?? [];
  if (!conflicts.length) return [];
  const lines = new LineIndex(text);
  const paths = new PathLocator(text);
  return conflicts.map((c, i) => {
    const path = ['conflicts', i];
    const where = lines.at(paths.offsetOf({ path, message: '' }));
    const message = `unresolved merge conflict (${conflictLine(c)}); open the canvas in VS Code to choose a side`;
    return { path, message, ...where };
  });
}
