import { rangeOf, type SourceLine } from './source';
import type { TitleEntry } from './types';

const KEY = /^([\p{L}\p{N}][\p{L}\p{N} _'’-]*):(.*)$/u;
const HEADING_START = /^(?:INT|EXT|EST|I\/E)[. /]/i;

/**
 * The title page: `Key: value` lines at the very top, values going on over indented lines. It ends at
 * a blank line, or (as writers expect, and the peer fixtures agree) at the first line that is neither.
 * Returns the entries and the index of the first body line.
 */
export function readTitlePage(lines: readonly SourceLine[]): { entries: TitleEntry[]; next: number } {
  const first = lines[0]!;
  if (!KEY.test(first.text) || HEADING_START.test(first.text)) return { entries: [], next: 0 };
  const entries: TitleEntry[] = [];
  let i = 0;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.blank) return { entries, next: i + 1 };
    const key = KEY.exec(line.text);
    const last = entries.at(-1);
    if (key) {
      const value = key[2]!.trim();
      entries.push({ key: key[1]!.trim(), value, range: rangeOf(line, 0, line, line.text.trimEnd().length) });
    } else if (last && /^\s/.test(line.text)) {
      entries[entries.length - 1] = { ...last, value: `${last.value}\n${line.text}`, range: { start: last.range.start, end: rangeOf(line, 0, line, line.text.length).end } };
    } else break;
  }
  return { entries, next: i };
}
