import { readCue } from './cue';
import { readSpeech } from './dialogue';
import { findNotes, positionOf } from './notes';
import { boneyardSpans, linesRange, maskSpans, rangeOf, splitLines, type SourceLine } from './source';
import { readTitlePage } from './titlePage';
import type { FountainDocument, FountainElement, Note } from './types';

/**
 * The whole of Fountain (https://fountain.io/syntax), read line by line. It never throws: any text is
 * some screenplay, at worst all action. Where the spec leaves room, it reads as writers do and as the
 * peer fixtures (../shared/vendor/fountain-tools-tests) expect: a scene heading needs a blank line
 * before it but not after, and a title page may end without a blank line.
 */
export function parseFountain(source: string): FountainDocument {
  const spans = boneyardSpans(source);
  const masked = maskSpans(source, spans);
  const lines = splitLines(source, masked);
  const notes = findNotes(masked, lines);
  const title = readTitlePage(lines);
  const elements = readBody(lines, title.next, title.entries.length > 0, notes);
  const boneyards = spans.map((s) => ({ start: positionOf(lines, s.from), end: positionOf(lines, s.to) }));
  return { titlePage: title.entries, elements, notes, boneyards };
}

const HEADING = /^(?:INT\.?\/EXT|INT\/EXT|EXT\.?\/INT|I\/E|INT|EXT|EST)[. ]/i;
const SCENE_NUMBER = /\s*#([\p{L}\p{N}.-]+)#$/u;
const FORCED_HEADING = /^\.[\p{L}\p{N}]/u;
const PAGE_BREAK = /^={3,}$/;

/** Lines that stand alone even inside a paragraph of action. */
const standsAlone = (t: string) => t.startsWith('~') || PAGE_BREAK.test(t) || (t.startsWith('>') && t.endsWith('<'));

type Read = { elements: FountainElement[]; next: number };

function readBody(lines: readonly SourceLine[], from: number, afterTitle: boolean, notes: readonly Note[]): FountainElement[] {
  const out: FountainElement[] = [];
  const noteAt = new Map(notes.map((n) => [n.range.start.offset, n]));
  let afterBlank = true;
  for (let i = from; i < lines.length; ) {
    const line = lines[i]!;
    if (line.blank || line.connector) {
      afterBlank = true;
      i++;
      continue;
    }
    const read = readAt(lines, i, afterBlank || (afterTitle && i === from), noteAt);
    out.push(...read.elements);
    i = read.next;
    afterBlank = false;
  }
  return pairDuals(out);
}

function one(element: FountainElement, next: number): Read {
  return { elements: [element], next };
}

/** The element(s) starting at line i. */
function readAt(lines: readonly SourceLine[], i: number, afterBlank: boolean, noteAt: ReadonlyMap<number, Note>): Read {
  const line = lines[i]!;
  const t = line.text.trim();
  const here = linesRange(line, line);
  const beforeBlank = i + 1 >= lines.length || lines[i + 1]!.blank;
  if (PAGE_BREAK.test(t)) return one({ kind: 'pageBreak', range: here }, i + 1);
  const note = noteOnItsOwn(lines, i, noteAt);
  if (note) return note;
  if (t.startsWith('#')) {
    const depth = /^#+/.exec(t)![0].length;
    return one({ kind: 'section', text: t.slice(depth).trim(), depth, range: here }, i + 1);
  }
  if (t.startsWith('=')) return one({ kind: 'synopsis', text: t.slice(1).trim(), range: here }, i + 1);
  if (t.startsWith('~')) return one({ kind: 'lyric', text: t.slice(1).trim(), range: here }, i + 1);
  if (t.startsWith('>') && t.endsWith('<') && t.length > 1) return one({ kind: 'centered', text: t.slice(1, -1), range: here }, i + 1);
  if (t.startsWith('>')) return one({ kind: 'transition', text: t.slice(1).trim(), forced: true, range: here }, i + 1);
  if (t.startsWith('!')) return readAction(lines, i, true);
  if (FORCED_HEADING.test(t)) return one(heading(t.slice(1), true, here), i + 1);
  if (afterBlank && HEADING.test(t)) return one(heading(t, false, here), i + 1);
  if (afterBlank && beforeBlank && t.endsWith('TO:') && t === t.toUpperCase()) {
    return one({ kind: 'transition', text: t, forced: false, range: here }, i + 1);
  }
  const cue = afterBlank && !beforeBlank ? readCue(t) : undefined;
  if (cue) {
    const { caret, ...rest } = cue;
    const character: FountainElement = { kind: 'character', ...rest, ...(caret ? { dual: 'right' as const } : {}), range: here };
    const speech = readSpeech(lines, i + 1);
    return { elements: [character, ...speech.elements], next: speech.next };
  }
  return readAction(lines, i, false);
}

function heading(text: string, forced: boolean, range: FountainElement['range']): FountainElement {
  const number = SCENE_NUMBER.exec(text);
  if (!number) return { kind: 'heading', text: text.trim(), forced, range };
  return { kind: 'heading', text: text.slice(0, number.index).trim(), sceneNumber: number[1]!, forced, range };
}

/** A paragraph of action: lines as written (indentation kept), up to a blank line or a line that stands alone. */
function readAction(lines: readonly SourceLine[], i: number, forced: boolean): Read {
  let j = i + 1;
  while (j < lines.length && !lines[j]!.blank && !standsAlone(lines[j]!.text.trim())) j++;
  const texts = lines.slice(i, j).map((l) => (l.connector ? '' : l.text));
  if (forced) texts[0] = texts[0]!.replace(/^(\s*)!/, '$1');
  const last = lines[j - 1]!;
  return one({ kind: 'action', text: texts.join('\n'), forced, range: rangeOf(lines[i]!, 0, last, last.text.length) }, j);
}

/** A paragraph that is one `[[note]]` and nothing else. */
function noteOnItsOwn(lines: readonly SourceLine[], i: number, noteAt: ReadonlyMap<number, Note>): Read | undefined {
  const line = lines[i]!;
  const note = noteAt.get(line.offset + line.text.length - line.text.trimStart().length);
  if (!note) return undefined;
  const end = note.range.end;
  const last = end.line - 1;
  const rest = lines[last]!.text.slice(end.column - 1);
  if (rest.trim() !== '' || (last + 1 < lines.length && !lines[last + 1]!.blank)) return undefined;
  return one({ kind: 'note', text: note.text, range: note.range }, last + 1);
}

/** The cue marked `^` speaks beside the cue before it. */
function pairDuals(elements: FountainElement[]): FountainElement[] {
  let previousCue = -1;
  for (let k = 0; k < elements.length; k++) {
    const e = elements[k]!;
    if (e.kind !== 'character') continue;
    const left = elements[previousCue];
    if (e.dual === 'right' && left?.kind === 'character' && left.dual === undefined) elements[previousCue] = { ...left, dual: 'left' };
    previousCue = k;
  }
  return elements;
}
