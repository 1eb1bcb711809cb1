import { CAMERA_MOVES, FRAMINGS } from '../nodes/shot';
import type { Camera, Framing } from './screenplayTypes';

/**
 * A convention of ours on top of Fountain: a note `[[shot N: framing, camera, Ns, with A, B]]` opens a
 * shot, and the action and dialogue after it belong to that shot.
 */
export interface ShotNote {
  readonly number: number;
  readonly framing: Framing;
  readonly camera: Camera;
  readonly duration: number;
  readonly characters: string[];
}

const SHOT_NOTE = /^shot (\d+): ([a-z-]+), ([a-z-]+), ([\d.]+)s(?:, with (.+))?$/;

const isOneOf = <T extends string>(list: readonly T[], s: string): s is T => (list as readonly string[]).includes(s);

/** The shot a note's text describes; a problem when it is a shot note with a word we do not know; else undefined. */
export function readShotNote(text: string): ShotNote | { problem: string } | undefined {
  const m = SHOT_NOTE.exec(text);
  if (!m) return undefined;
  const [, n, framing, camera, seconds, who] = m;
  if (!isOneOf<Framing>(FRAMINGS, framing!)) return { problem: `unknown framing ${framing}` };
  if (!isOneOf<Camera>(CAMERA_MOVES, camera!)) return { problem: `unknown camera move ${camera}` };
  const characters = who ? who.split(/,\s*/) : [];
  return { number: Number(n), framing, camera, duration: Number(seconds), characters };
}
