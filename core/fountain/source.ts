/**
 * The source as lines, with where each starts, so every element can say where it came from. Line ends
 * may be LF, CRLF or CR; offsets and columns always count UTF-16 code units of the text as given.
 */

/** 1-based line and column, 0-based offset into the source. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}
/** From `start` up to, not including, `end`. */
export interface SourceRange {
  readonly start: SourcePosition;
  readonly end: SourcePosition;
}

export interface SourceLine {
  /** The line's text with boneyard spans read as spaces, so columns still point into the source. */
  readonly text: string;
  readonly number: number;
  readonly offset: number;
  /** Nothing on it: it separates elements. A line of only a boneyard is blank too. */
  readonly blank: boolean;
  /** Two or more spaces and nothing else: keeps dialogue (or a note) going over an empty-looking line. */
  readonly connector: boolean;
}

export function positionAt(line: SourceLine, column0: number): SourcePosition {
  return { line: line.number, column: column0 + 1, offset: line.offset + column0 };
}

/** The range from a column of one line to a column of another (0-based columns, end exclusive). */
export function rangeOf(first: SourceLine, from: number, last: SourceLine, to: number): SourceRange {
  return { start: positionAt(first, from), end: positionAt(last, to) };
}

/** The range of a run of lines, from the first non-space character to the end of the last one's text. */
export function linesRange(first: SourceLine, last: SourceLine): SourceRange {
  const lead = first.text.length - first.text.trimStart().length;
  const end = last.text.trimEnd().length;
  // A run of only spaces (a dialogue line of two) is an empty range where its spaces start.
  return rangeOf(first, first === last ? Math.min(lead, end) : lead, last, first === last ? Math.max(end, lead) : end);
}

/** Boneyard `/* … *\/` spans of the source; an unclosed one runs to the end, as the spec's writers expect. */
export function boneyardSpans(source: string): { from: number; to: number }[] {
  const spans: { from: number; to: number }[] = [];
  let at = source.indexOf('/*');
  while (at >= 0) {
    const close = source.indexOf('*/', at + 2);
    const to = close < 0 ? source.length : close + 2;
    spans.push({ from: at, to });
    at = source.indexOf('/*', to);
  }
  return spans;
}

const BREAK = /\r\n|\r|\n/g;

/** `masked` is the source with its boneyards read as spaces (maskSpans). */
export function splitLines(source: string, masked: string): SourceLine[] {
  const lines: SourceLine[] = [];
  let start = 0;
  let number = 1;
  const push = (end: number) => {
    const text = masked.slice(start, end);
    const hidden = text.trim() === '' && source.slice(start, end) !== text;
    const connector = !hidden && /^ {2,}$/.test(text);
    lines.push({ text, number, offset: start, blank: text.trim() === '' && !connector, connector });
  };
  for (const m of masked.matchAll(BREAK)) {
    push(m.index);
    start = m.index + m[0].length;
    number++;
  }
  push(masked.length);
  return lines;
}

/** Spans replaced by spaces, line breaks kept, so lengths and offsets are those of the source. */
export function maskSpans(source: string, spans: readonly { from: number; to: number }[]): string {
  if (spans.length === 0) return source;
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += source.slice(at, s.from) + source.slice(s.from, s.to).replace(/[^\r\n]/g, ' ');
    at = s.to;
  }
  return out + source.slice(at);
}
