import assert from 'node:assert/strict';
import fc from 'fast-check';
import { inlineSpans, parseFountain, type FountainDocument, type SourcePosition, type SourceRange } from '../../core/fountain';

/** Lines a screenplay is made of, and the odd ones that sit on the edges of the rules. */
const LINES = [
  'Title: The Lamp', 'Draft date: 2026', '    indented value', 'INT. HOUSE - DAY', 'EXT. YARD - NIGHT #1A#', '.FORCED', '. not',
  '!forced ACTION', 'JOHN', '@mara', 'JOHN (V.O.) ^', "MARA (CONT'D)", '(quietly)', 'Hello there.', '~ la la', '> THE END <',
  '> FORCED TO', 'CUT TO:', '===', '# Act', '### Scene', '= a synopsis', '[[a note]]', '[[open', 'close]] after', '/*', '*/',
  'a /* b */ c', '', '', '', '  ', ' ', '\t', '*bold* _under_ \\*star', '**', 'ÉLAN 😆', '#1#', 'a ^', '()', '@', '!', '~', '>', '<',
];
const script = fc
  .array(fc.tuple(fc.constantFrom(...LINES), fc.constantFrom('\n', '\n', '\r\n', '\r')), { maxLength: 40 })
  .map((parts) => parts.map(([l, eol]) => l + eol).join(''));
const anything = fc.oneof(script, fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: 'grapheme-ascii', maxLength: 200 }));

/** Where an offset is, counted afresh from the text: line breaks are LF, CRLF or CR. */
function expectedPosition(source: string, offset: number): Omit<SourcePosition, 'offset'> {
  const before = source.slice(0, offset);
  const breaks = [...before.matchAll(/\r\n|\r|\n/g)];
  const last = breaks.at(-1);
  // An offset between the \r and \n of one break sits on the line the break ends.
  if (source[offset - 1] === '\r' && source[offset] === '\n') return { line: breaks.length, column: offset - (breaks.at(-2) ? breaks.at(-2)!.index! + breaks.at(-2)![0].length : 0) + 1 };
  return { line: breaks.length + 1, column: offset - (last ? last.index! + last[0].length : 0) + 1 };
}

function checkRange(source: string, r: SourceRange, what: string): void {
  for (const p of [r.start, r.end]) {
    assert.ok(p.offset >= 0 && p.offset <= source.length, `${what}: offset ${p.offset} outside the text`);
    assert.deepEqual({ line: p.line, column: p.column }, expectedPosition(source, p.offset), `${what}: line and column of offset ${p.offset}`);
  }
  assert.ok(r.start.offset <= r.end.offset, `${what}: starts after it ends`);
}

/** The source with each boneyard read as spaces (line breaks kept): what the elements were read from. */
function withoutBoneyards(source: string, doc: FountainDocument): string {
  let out = source;
  for (const b of doc.boneyards) {
    out = out.slice(0, b.start.offset) + out.slice(b.start.offset, b.end.offset).replace(/[^\r\n]/g, ' ') + out.slice(b.end.offset);
  }
  return out;
}

/** Each line of `text`, trimmed, appears in `slice` in order. */
function linesIn(slice: string, text: string, what: string): void {
  let at = 0;
  for (const line of text.split('\n').map((l) => l.trim())) {
    const found = slice.indexOf(line, at);
    assert.ok(found >= 0, `${what}: ${JSON.stringify(line)} is not in its source ${JSON.stringify(slice)}`);
    at = found + line.length;
  }
}

describe('core/fountain: properties of the parser', () => {
  it('never throws, on any text', () => {
    fc.assert(fc.property(anything, (source) => {
      parseFountain(source);
    }), { numRuns: 2000 });
  });

  it('every element, title entry, note and boneyard maps back to the text it came from', () => {
    fc.assert(fc.property(anything, (source) => {
      const doc = parseFountain(source);
      const text = withoutBoneyards(source, doc);
      const slice = (r: SourceRange) => text.slice(r.start.offset, r.end.offset);
      doc.boneyards.forEach((b, k) => {
        checkRange(source, b, `boneyard ${k}`);
        assert.ok(source.startsWith('/*', b.start.offset), `boneyard ${k} starts at /*`);
      });
      doc.notes.forEach((n, k) => {
        checkRange(source, n.range, `note ${k}`);
        assert.equal(slice(n.range), `[[${n.text}]]`);
      });
      doc.titlePage.forEach((t, k) => {
        checkRange(source, t.range, `title entry ${k}`);
        linesIn(slice(t.range), `${t.key}\n${t.value}`, `title entry ${k}`);
      });
      let previousEnd = 0;
      doc.elements.forEach((e, k) => {
        const what = `element ${k} (${e.kind})`;
        checkRange(source, e.range, what);
        assert.ok(e.range.start.offset >= previousEnd, `${what} overlaps the one before`);
        previousEnd = e.range.end.offset;
        if (e.kind === 'character') linesIn(slice(e.range), [e.name, ...e.extensions].join('\n'), what);
        else if (e.kind === 'pageBreak') assert.match(slice(e.range), /^={3,}$/);
        else linesIn(slice(e.range), e.text, what);
      });
    }), { numRuns: 2000 });
  });

  it('emphasis never throws, and text without markers reads back as it is', () => {
    fc.assert(fc.property(anything, (s) => {
      inlineSpans(s);
      const bare = s.replace(/[*_\\]/g, '');
      assert.equal(inlineSpans(bare).map((x) => x.text).join(''), bare);
    }), { numRuns: 1000 });
  });
});
