import path from 'node:path';
import { isKind, type BmadDocument, type BmadNode } from '../../core';
import { breakDown } from '../../core/breakdown';
import { locateFindings, reviewCanvas, type LocatedFinding } from '../../core/review';
import { findProjectRoot } from '../project';

/** The absolute path of the script a script node reads: its `file` is relative to the canvas's project. */
export function scriptFileOf(canvasFile: string, node: Extract<BmadNode, { kind: 'script' }>): string {
  const root = findProjectRoot(path.dirname(canvasFile)) ?? path.dirname(canvasFile);
  return path.resolve(root, node.params.file);
}

export interface CanvasReview {
  readonly findings: LocatedFinding[];
  /** Why the script's cast could not be checked against the shots, when it could not. */
  readonly skipped?: string;
}

/**
 * The review of a canvas (its text and parsed document), with the script its first script node reads
 * when `readScript` can give it (the CLI reads the disk, the editor its open documents too).
 */
export function reviewCanvasText(text: string, doc: BmadDocument, canvasFile: string, readScript: (file: string) => string): CanvasReview {
  const node = doc.nodes.find((n) => isKind(n, 'script')) as Extract<BmadNode, { kind: 'script' }> | undefined;
  let skipped: string | undefined;
  let script;
  if (!node) skipped = 'the canvas has no script node, so who belongs in each scene is not checked';
  else {
    try {
      script = breakDown(readScript(scriptFileOf(canvasFile, node)));
    } catch (e) {
      skipped = `the script ${node.params.file} could not be read (${(e as Error).message}), so who belongs in each scene is not checked`;
    }
  }
  return { findings: locateFindings(text, reviewCanvas(doc, script)), ...(skipped ? { skipped } : {}) };
}
