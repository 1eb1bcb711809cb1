import { PathLocator } from '../jsonLocate';
import { LineIndex } from '../lineIndex';
import type { ReviewFinding } from './types';

export interface LocatedFinding extends ReviewFinding {
  /** 1-based, as editors and `file:line:col` show them. */
  readonly line: number;
  readonly column: number;
}

/** Each finding with the line and column its JSON path points at in the canvas's text. */
export function locateFindings(text: string, findings: readonly ReviewFinding[]): LocatedFinding[] {
  const paths = new PathLocator(text);
  const lines = new LineIndex(text);
  return findings.map((f) => ({ ...f, ...lines.at(paths.offsetOf({ path: f.path, message: '' })) }));
}
