import { linesRange, type SourceLine } from './source';
import type { FountainElement } from './types';

/**
 * The speech under a character cue: every line up to the next blank one (a line of two spaces keeps
 * it going). A line in parentheses right after the cue or a line of dialogue is a parenthetical;
 * a line starting `~` is a lyric; consecutive dialogue lines make one dialogue element.
 * Returns the elements and the index of the first line after the speech.
 */
export function readSpeech(lines: readonly SourceLine[], from: number): { elements: FountainElement[]; next: number } {
  const elements: FountainElement[] = [];
  let run: SourceLine[] = [];
  let previous: 'character' | 'parenthetical' | 'dialogue' | 'lyric' = 'character';
  const flush = () => {
    if (run.length === 0) return;
    const text = run.map((l) => (l.connector ? '' : l.text.trim())).join('\n');
    elements.push({ kind: 'dialogue', text, range: linesRange(run[0]!, run.at(-1)!) });
    run = [];
  };
  let i = from;
  for (; i < lines.length && !lines[i]!.blank; i++) {
    const line = lines[i]!;
    const t = line.text.trim();
    if (t.startsWith('(') && t.endsWith(')') && (previous === 'character' || previous === 'dialogue')) {
      flush();
      elements.push({ kind: 'parenthetical', text: t.slice(1, -1), range: linesRange(line, line) });
      previous = 'parenthetical';
    } else if (t.startsWith('~')) {
      flush();
      elements.push({ kind: 'lyric', text: t.slice(1).trim(), range: linesRange(line, line) });
      previous = 'lyric';
    } else {
      run.push(line);
      previous = 'dialogue';
    }
  }
  flush();
  return { elements, next: i };
}
