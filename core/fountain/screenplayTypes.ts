import type { TIMES_OF_DAY } from '../nodes/scene';
import type { CAMERA_MOVES, FRAMINGS } from '../nodes/shot';

/** What readScreenplay reads from a screenplay; `line` is where each scene and shot starts (1-based). */

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
  /** The line of its shot note. */
  line: number;
}

export interface ScriptScene {
  number: number;
  heading: string;
  timeOfDay: TimeOfDay;
  synopsis: string;
  shots: ScriptShot[];
  /** The line of its scene heading. */
  line: number;
}

export interface Screenplay {
  title: string;
  scenes: ScriptScene[];
}
