import assert from 'node:assert/strict';
import { inlineSpans, parseFountain, plainText } from '../../core/fountain';

const SCRIPT = [
  'Title: The Lamp', //                           1
  'Contact:', //                                  2
  '    Gull Point', //                            3
  '', //                                          4
  '# Act One', //                                 5
  '', //                                          6
  'INT. LAMP ROOM - NIGHT #4A#', //               7
  '= The lamp fails.', //                         8
  '', //                                          9
  '!MARA WAITS.', //                             10
  '', //                                         11
  'MARA (V.O.) (CONT\'D)', //                    12
  '(low)', //                                    13
  'Hold the *light* [[say it softly]]', //       14
  '~ a sea song', //                             15
  '', //                                         16
  'TOM ^', //                                    17
  'Steady.', //                                  18
  '', //                                         19
  '> FADE TO: <', //                             20
  '', //                                         21
  '/* a cut line */', //                         22
  '===', //                                      23
  '> SMASH CUT', //                              24
].join('\r\n');

describe('core/fountain: elements and where each came from', () => {
  const doc = parseFountain(SCRIPT);

  it('reads every kind of element in order, forcing marks and scene numbers taken off', () => {
    assert.deepEqual(doc.titlePage.map((t) => [t.key, t.value]), [['Title', 'The Lamp'], ['Contact', '\n    Gull Point']]);
    const shown = doc.elements.map((e) => {
      if (e.kind === 'character') return `${e.kind} ${e.name} ${e.extensions.join('')} contd=${e.contd} dual=${e.dual ?? '-'}`;
      if (e.kind === 'pageBreak') return e.kind;
      if (e.kind === 'heading') return `${e.kind} ${e.text} #${e.sceneNumber}`;
      return `${e.kind} ${e.text}`;
    });
    assert.deepEqual(shown, [
      'section Act One', 'heading INT. LAMP ROOM - NIGHT #4A', 'synopsis The lamp fails.', 'action MARA WAITS.',
      'character MARA (V.O.) contd=true dual=left', 'parenthetical low', 'dialogue Hold the *light* [[say it softly]]', 'lyric a sea song',
      'character TOM  contd=false dual=right', 'dialogue Steady.', 'centered  FADE TO: ', 'pageBreak', 'transition SMASH CUT',
    ]);
  });

  it('gives line, column and offset ranges in the text as given (CRLF counted)', () => {
    const heading = doc.elements[1]!;
    assert.deepEqual(heading.range.start, { line: 7, column: 1, offset: SCRIPT.indexOf('INT.') });
    assert.deepEqual(heading.range.end, { line: 7, column: 28, offset: SCRIPT.indexOf('INT.') + 27 });
    const lyric = doc.elements[7]!;
    assert.equal(SCRIPT.slice(lyric.range.start.offset, lyric.range.end.offset), '~ a sea song');
    assert.deepEqual(doc.notes.map((n) => [n.text, n.range.start.line, n.range.start.column]), [['say it softly', 14, 18]]);
    assert.deepEqual(doc.boneyards.map((b) => [b.start.line, b.start.column, b.end.column]), [[22, 1, 17]]);
  });

  it('a boneyard is read as if it were not there, even across lines', () => {
    const d = parseFountain('INT. HALL - DAY\n\nShe /* never */ runs.\n\n/*\nBOB\nHi.\n*/\n\nEXT. YARD - DAY');
    assert.deepEqual(d.elements.map((e) => e.kind), ['heading', 'action', 'heading']);
    assert.equal(plainText((d.elements[1] as { text: string }).text).replace(/\s+/g, ' '), 'She runs.');
  });

  it('reads emphasis, nested, with escapes, never across a line break', () => {
    const spans = inlineSpans('a ***b*** _c **d**_ \\*e\\* *f\ng*');
    assert.deepEqual(spans.map((s) => [s.text, s.italic, s.bold, s.underline]), [
      ['a ', false, false, false], ['b', true, true, false], [' ', false, false, false], ['c ', false, false, true],
      ['d', false, true, true], [' *e* *f', false, false, false], ['\n', false, false, false], ['g*', false, false, false],
    ]);
    assert.equal(plainText('Hold the *light* [[say it softly]]'), 'Hold the light ');
  });
});
