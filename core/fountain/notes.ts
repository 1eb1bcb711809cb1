import { positionAt, type SourceLine, type SourcePosition } from './source';
import type { Note } from './types';

const NOTE = /\[\[([\s\S]*?)\]\]/g;
/** An empty line inside breaks a note, unless it holds two spaces (spec: "connect" the element). */
const BROKEN = /(?:\r\n|\r|\n)(?: ?|[ \t]*\t[ \t]*)(?:\r\n|\r|\n)/;

/** Every `[[note]]` in the (boneyard-masked) text; one that an empty line breaks is no note. */
export function findNotes(masked: string, lines: readonly SourceLine[]): Note[] {
  const notes: Note[] = [];
  NOTE.lastIndex = 0;
  for (let m = NOTE.exec(masked); m; m = NOTE.exec(masked)) {
    if (BROKEN.test(m[0])) {
      NOTE.lastIndex = m.index + 2;
      continue;
    }
    const end = m.index + m[0].length;
    notes.push({ text: m[1]!, range: { start: positionOf(lines, m.index), end: positionOf(lines, end) } });
  }
  return notes;
}

/** The line and column of an offset: the last line starting at or before it. */
export function positionOf(lines: readonly SourceLine[], offset: number): SourcePosition {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lines[mid]!.offset <= offset) lo = mid;
    else hi = mid - 1;
  }
  return positionAt(lines[lo]!, offset - lines[lo]!.offset);
}
