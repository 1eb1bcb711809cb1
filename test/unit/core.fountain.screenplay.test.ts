import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { FountainError, readScreenplay } from '../../core/fountain';

const EXAMPLE = path.resolve(__dirname, '../../examples/last-light-at-gull-point/02_Source_Creative/script.fountain');

const SCRIPT = [
  'Title: The Lamp',
  'Author: someone',
  '',
  'INT. LAMP ROOM - NIGHT #4#',
  '',
  '= The lamp fails.',
  '= Mara fixes it.',
  '',
  '[[shot 7: close-up, push-in, 2.5s, with Mara, Tom]]',
  '',
  'Mara kneels by the lamp.',
  '',
  'MARA (V.O.)',
  'Hold the light',
  'steady.',
  '',
  'She strikes a match.',
  '',
  '> THE END <',
  '',
  '',
  'EXT. QUAY - DAWN',
  '',
  '   [[shot 8: wide, static, 4s]]',
  '',
].join('\n');

describe('core/fountain: readScreenplay, the strict reading of the example', () => {
  it('reads title, scenes, synopses, shot notes, action and dialogue, with where each scene and shot starts', () => {
    assert.deepEqual(readScreenplay(SCRIPT, 'lamp.fountain'), {
      title: 'The Lamp',
      scenes: [
        {
          number: 4, heading: 'INT. LAMP ROOM - NIGHT', timeOfDay: 'night', synopsis: 'The lamp fails. Mara fixes it.', line: 4,
          shots: [{
            number: 7, framing: 'close-up', camera: 'push-in', duration: 2.5, characters: ['Mara', 'Tom'], line: 9,
            action: 'Mara kneels by the lamp. She strikes a match.',
            dialogue: [{ character: 'MARA', line: 'Hold the light steady.' }],
          }],
        },
        {
          number: 2, heading: 'EXT. QUAY - DAWN', timeOfDay: 'dawn', synopsis: '', line: 22,
          shots: [{ number: 8, framing: 'wide', camera: 'static', duration: 4, characters: [], action: '', dialogue: [], line: 24 }],
        },
      ],
    });
  });

  it('reads CRLF and CR line ends like LF, lines included', () => {
    const lf = readScreenplay(SCRIPT, 'a');
    assert.deepEqual(readScreenplay(SCRIPT.replace(/\n/g, '\r\n'), 'a'), lf);
    assert.deepEqual(readScreenplay(SCRIPT.replace(/\n/g, '\r'), 'a'), lf);
  });

  it('reads the example film: three scenes, thirteen shots in order, each line on its shot note', () => {
    const text = fs.readFileSync(EXAMPLE, 'utf8');
    const play = readScreenplay(text, 'script.fountain');
    assert.equal(play.title, 'Last Light at Gull Point');
    assert.deepEqual(play.scenes.map((s) => s.timeOfDay), ['dusk', 'night', 'dawn']);
    const shots = play.scenes.flatMap((s) => s.shots);
    assert.deepEqual(shots.map((s) => s.number), Array.from({ length: 13 }, (_, i) => i + 1));
    const lines = text.split('\n');
    for (const s of shots) assert.ok(lines[s.line - 1]!.startsWith(`[[shot ${s.number}:`), `shot ${s.number} at line ${s.line}`);
    for (const s of play.scenes) assert.match(lines[s.line - 1]!, /^(INT|EXT)\. /);
  });

  const fails: [what: string, text: string, message: string][] = [
    ['a heading without a time of day', 'INT. HALL - DAY\n\nEXT. YARD - NOON',
      'x.fountain:3:1: a scene heading must end in - DAY, NIGHT, DAWN or DUSK: "EXT. YARD - NOON"'],
    ['text before the first heading', 'Title: T\n\nRain falls.', 'x.fountain:3:1: text before the first scene heading: "Rain falls."'],
    ['an unknown framing', 'INT. HALL - DAY\n\n  [[shot 1: huge, static, 2s]]',
      'x.fountain:3:3: unknown framing huge: "[[shot 1: huge, static, 2s]]"'],
    ['an unknown camera move', 'INT. HALL - DAY\n\n[[shot 1: wide, zoom, 2s]]',
      'x.fountain:3:1: unknown camera move zoom: "[[shot 1: wide, zoom, 2s]]"'],
    ['a note that is not a shot note', 'INT. HALL - DAY\n\n\n\n[[remember the rain]]',
      'x.fountain:5:1: a note that is not a shot note: "[[remember the rain]]"'],
    ['dialogue before a shot note', 'INT. HALL - DAY\n\nMARA\nHello.', 'x.fountain:3:1: dialogue before the first shot note: "MARA"'],
    ['action before a shot note', 'INT. HALL - DAY\n\nRain.', 'x.fountain:3:1: action before the first shot note: "Rain."'],
  ];
  for (const [what, text, message] of fails) {
    it(`refuses ${what} with file:line:col`, () => {
      assert.throws(() => readScreenplay(text, 'x.fountain'), (e: unknown) => {
        assert.ok(e instanceof FountainError);
        assert.equal(e.message, message);
        assert.deepEqual([e.file, e.line, e.column], ['x.fountain', ...message.split(':').slice(1, 3).map(Number)]);
        return true;
      });
    });
  }
});
