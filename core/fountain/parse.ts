import { CAMERA_MOVES, FRAMINGS } from '../nodes/shot';
import { blocksOf, type Block } from './blocks';
import type { Camera, Framing, Screenplay, ScriptScene, ScriptShot, TimeOfDay } from './types';

/**
 * Reads the subset of Fountain (https://fountain.io) the example script uses — title page, scene
 * headings with scene numbers, synopses, notes, action, character cues and dialogue — plus one
 * convention of ours: a note `[[shot N: framing, camera, Ns, with A, B]]` opens a shot, and the
 * action and dialogue after it belong to that shot. Strict: anything it does not understand throws a
 * FountainError at its line and column, so the canvas can never silently drift from the script.
 */

export class FountainError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}:${column}: ${reason}`);
    this.name = 'FountainError';
  }
}

const HEADING = /^(INT|EXT|INT\.\/EXT|I\/E)[. ](.+?)(?:\s+#(\d+)#)?$/;
const SHOT_NOTE = /^\[\[shot (\d+): ([a-z-]+), ([a-z-]+), ([\d.]+)s(?:, with (.+))?\]\]$/;
const CUE = /^[A-Z][A-Z0-9 .'-]*(?: \([A-Z.' ]+\))?$/;
const TIMES: Record<string, TimeOfDay> = {
  DAY: 'day', MORNING: 'dawn', DAWN: 'dawn', DUSK: 'dusk', EVENING: 'dusk', NIGHT: 'night',
};

const isOneOf = <T extends string>(list: readonly T[], s: string): s is T => (list as readonly string[]).includes(s);

/** `file` names the script in error messages (e.g. its project-relative path). */
export function parseFountain(text: string, file: string): Screenplay {
  const blocks = blocksOf(text);
  const titlePage = blocks[0] && /^Title:/m.test(blocks[0].text) ? blocks.shift()!.text : '';
  const title = /^Title:\s*(.+)$/m.exec(titlePage)?.[1]?.trim() ?? 'Untitled';
  const scenes: ScriptScene[] = [];
  let shot: ScriptShot | undefined;
  const located = (block: Block, why: string) =>
    new FountainError(file, block.line, block.column, `${why}: "${block.text.split('\n')[0]}"`);
  const fail = (block: Block, why: string): never => {
    throw located(block, why);
  };

  for (const block of blocks) {
    const first = block.text.split('\n')[0]!;
    const heading = HEADING.exec(first);
    if (heading) {
      const plain = first.replace(/\s+#\d+#$/, '');
      const time = TIMES[plain.split(' - ').pop()!.trim()]
        ?? fail(block, 'a scene heading must end in - DAY, NIGHT, DAWN or DUSK');
      const number = Number(heading[3] ?? scenes.length + 1);
      scenes.push({ number, heading: plain, timeOfDay: time, synopsis: '', shots: [], line: block.line });
      shot = undefined;
      continue;
    }
    const scene = scenes.at(-1) ?? fail(block, 'text before the first scene heading');
    if (first.startsWith('= ')) {
      scene.synopsis = block.text.replace(/^= /gm, '').replace(/\n/g, ' ');
      continue;
    }
    const note = SHOT_NOTE.exec(block.text);
    if (note) {
      const [, n, framing, camera, seconds, who] = note;
      if (!isOneOf<Framing>(FRAMINGS, framing!)) throw located(block, `unknown framing ${framing}`);
      if (!isOneOf<Camera>(CAMERA_MOVES, camera!)) throw located(block, `unknown camera move ${camera}`);
      const characters = who ? who.split(/,\s*/) : [];
      const duration = Number(seconds);
      shot = { number: Number(n), framing, camera, duration, characters, action: '', dialogue: [], line: block.line };
      scene.shots.push(shot);
      continue;
    }
    if (block.text.startsWith('[[')) fail(block, 'a note that is not a shot note');
    if (/^>.*<$/.test(block.text)) continue; // centred text such as THE END
    const lines = block.text.split('\n');
    if (lines.length > 1 && CUE.test(lines[0]!)) {
      const current = shot ?? fail(block, 'dialogue before the first shot note');
      current.dialogue.push({ character: lines[0]!.replace(/ \(.*\)$/, ''), line: lines.slice(1).join(' ').trim() });
      continue;
    }
    const current = shot ?? fail(block, 'action before the first shot note');
    current.action = [current.action, block.text.replace(/\n/g, ' ')].filter(Boolean).join(' ');
  }
  return { title, scenes };
}
