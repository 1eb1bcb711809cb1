import { CAMERA_MOVES, FRAMINGS } from '../core/nodes/shot';
import { TIMES_OF_DAY } from '../core/nodes/scene';

/**
 * Reads the subset of Fountain (https://fountain.io) the example script uses — title page, scene
 * headings with scene numbers, synopses, notes, action, character cues and dialogue — plus one
 * convention of ours: a note `[[shot N: framing, camera, Ns, with A, B]]` opens a shot, and the
 * action and dialogue after it belong to that shot. Strict: anything it does not understand throws,
 * so the canvas can never silently drift from the script.
 */

export type Framing = (typeof FRAMINGS)[number];
export type Camera = (typeof CAMERA_MOVES)[number];
export type TimeOfDay = (typeof TIMES_OF_DAY)[number];

export interface ScriptShot {
  number: number;
  framing: Framing;
  camera: Camera;
  duration: number;
  characters: string[];
  action: string;
  dialogue: { character: string; line: string }[];
}

export interface ScriptScene {
  number: number;
  heading: string;
  timeOfDay: TimeOfDay;
  synopsis: string;
  shots: ScriptShot[];
}

export interface Screenplay {
  title: string;
  scenes: ScriptScene[];
}

const HEADING = /^(INT|EXT|INT\.\/EXT|I\/E)[. ](.+?)(?:\s+#(\d+)#)?$/;
const SHOT_NOTE = /^\[\[shot (\d+): ([a-z-]+), ([a-z-]+), ([\d.]+)s(?:, with (.+))?\]\]$/;
const CUE = /^[A-Z][A-Z0-9 .'-]*(?: \([A-Z.' ]+\))?$/;
const TIMES: Record<string, TimeOfDay> = { DAY: 'day', MORNING: 'dawn', DAWN: 'dawn', DUSK: 'dusk', EVENING: 'dusk', NIGHT: 'night' };

export function parseFountain(text: string): Screenplay {
  const blocks = text.replace(/\r\n?/g, '\n').split(/\n{2,}/).map((b) => b.trim()).filter(Boolean);
  const titlePage = blocks[0] && /^Title:/m.test(blocks[0]) ? blocks.shift()! : '';
  const title = /^Title:\s*(.+)$/m.exec(titlePage)?.[1]?.trim() ?? 'Untitled';
  const scenes: ScriptScene[] = [];
  let shot: ScriptShot | undefined;
  const fail = (block: string, why: string): never => {
    throw new Error(`script.fountain: ${why}: "${block.split('\n')[0]}"`);
  };

  for (const block of blocks) {
    const first = block.split('\n')[0]!;
    const heading = HEADING.exec(first);
    if (heading) {
      const plain = first.replace(/\s+#\d+#$/, '');
      const time = TIMES[plain.split(' - ').pop()!.trim()] ?? fail(block, 'a scene heading must end in - DAY, NIGHT, DAWN or DUSK');
      scenes.push({ number: Number(heading[3] ?? scenes.length + 1), heading: plain, timeOfDay: time, synopsis: '', shots: [] });
      shot = undefined;
      continue;
    }
    const scene = scenes.at(-1) ?? fail(block, 'text before the first scene heading');
    if (first.startsWith('= ')) {
      scene.synopsis = block.replace(/^= /gm, '').replace(/\n/g, ' ');
      continue;
    }
    const note = SHOT_NOTE.exec(block);
    if (note) {
      const [, n, framing, camera, seconds, who] = note;
      if (!(FRAMINGS as readonly string[]).includes(framing!)) fail(block, `unknown framing ${framing}`);
      if (!(CAMERA_MOVES as readonly string[]).includes(camera!)) fail(block, `unknown camera move ${camera}`);
      shot = { number: Number(n), framing: framing as Framing, camera: camera as Camera, duration: Number(seconds), characters: who ? who.split(/,\s*/) : [], action: '', dialogue: [] };
      scene.shots.push(shot);
      continue;
    }
    if (block.startsWith('[[')) fail(block, 'a note that is not a shot note');
    if (/^>.*<$/.test(block)) continue; // centred text such as THE END
    const lines = block.split('\n');
    if (lines.length > 1 && CUE.test(lines[0]!)) {
      const current = shot ?? fail(block, 'dialogue before the first shot note');
      current.dialogue.push({ character: lines[0]!.replace(/ \(.*\)$/, ''), line: lines.slice(1).join(' ').trim() });
      continue;
    }
    const current = shot ?? fail(block, 'action before the first shot note');
    current.action = [current.action, block.replace(/\n/g, ' ')].filter(Boolean).join(' ');
  }
  return { title, scenes };
}
