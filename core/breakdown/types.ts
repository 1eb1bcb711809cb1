import type { Camera, Framing, TimeOfDay } from '../fountain';
import type { SILHOUETTES } from '../nodes/character';

/** Script lines, 1-based, both ends included. */
export interface Lines {
  readonly from: number;
  readonly to: number;
}

/** Where a scene is set, as its heading says. */
export type Setting = 'INT' | 'EXT' | 'INT/EXT' | 'EST' | '';

export interface BreakdownScene {
  /** Stable across edits: the scene number written in the heading, else the heading and its ordinal. */
  readonly key: string;
  readonly number: number;
  readonly heading: string;
  readonly setting: Setting;
  readonly location: string;
  readonly timeOfDay: TimeOfDay;
  readonly synopsis: string;
  /** Display names of who speaks, in order of their first speech. */
  readonly speakers: readonly string[];
  readonly lines: Lines;
}

export interface BreakdownCharacter {
  /** `character:` and the folded name: extensions, forcing and (CONT'D) stripped, upper case. */
  readonly key: string;
  readonly name: string;
  /** Where the character is first named (a cue, a shot note or the action). */
  readonly firstLine: number;
  readonly firstScene: number;
  readonly speeches: number;
  /** Speeches and words spoken in each scene they speak in, by scene number. */
  readonly perScene: readonly { scene: number; speeches: number; words: number }[];
  /** A suggested look and voice, read from the text deterministically (suggest.ts says how). */
  readonly description: string;
  readonly silhouette: (typeof SILHOUETTES)[number];
  readonly colors: readonly string[];
  readonly voice: string;
  readonly pitch: number;
  readonly rate: number;
  /** What the introduction says they wear (suggest.ts), when it says so plainly. */
  readonly wardrobe?: string;
}

/** Why a shot exists: a `[[shot …]]` note the writer put in, or one of the coverage rules (coverage.ts). */
export type ShotRule = 'note' | 'establishing' | 'action' | 'insert' | 'single' | 'over-shoulder';

export interface BreakdownShot {
  readonly key: string;
  /** The scene's key. */
  readonly scene: string;
  readonly number: number;
  readonly rule: ShotRule;
  readonly framing: Framing;
  readonly camera: Camera;
  readonly duration: number;
  /** Display names. */
  readonly characters: readonly string[];
  readonly action: string;
  readonly dialogue: readonly { character: string; line: string }[];
  /** Props its action names (props.ts), first mention first. */
  readonly props: readonly string[];
  readonly lines: Lines;
}

export interface BreakdownProblem {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export interface Breakdown {
  readonly title: string;
  readonly scenes: readonly BreakdownScene[];
  readonly characters: readonly BreakdownCharacter[];
  readonly shots: readonly BreakdownShot[];
  /** Shot notes it could not read; the breakdown goes on without them. */
  readonly problems: readonly BreakdownProblem[];
}
