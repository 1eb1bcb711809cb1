import { plainText, readShotNote, type FountainElement, type ShotNote } from '../fountain';
import type { BreakdownProblem, Lines } from './types';

/**
 * A scene as the breakdown reads it: paragraphs of action, speeches (a cue with its parentheticals,
 * dialogue and lyrics) and shot notes, each with its script lines.
 */
export type Beat =
  | { type: 'action'; text: string; lines: Lines }
  | { type: 'speech'; name: string; key: string; text: string; lines: Lines }
  | { type: 'shot'; note: ShotNote; lines: Lines };

export interface SceneText {
  readonly heading: Extract<FountainElement, { kind: 'heading' }>;
  readonly synopsis: string;
  readonly beats: readonly Beat[];
  readonly lines: Lines;
}

/** One name per person: forcing, extensions and (CONT'D) are already off; case and spacing folded. */
export const foldName = (name: string): string => name.trim().replace(/\s+/g, ' ').toUpperCase();
/** `MARGIT` → `Margit`, `DR. LEE` → `Dr. Lee`. */
export const displayName = (folded: string): string => folded.toLowerCase().replace(/(^|[\s.'’-])(\p{L})/gu, (_, a: string, b: string) => a + b.toUpperCase());
export const words = (s: string): number => (s.match(/\S+/g) ?? []).length;

const linesOf = (e: FountainElement): Lines => ({ from: e.range.start.line, to: e.range.end.line });
const flat = (text: string) => plainText(text).replace(/\s+/g, ' ').trim();

/** The scenes of a script, from each heading to the next; what comes before the first heading is in no scene. */
export function scenesOf(elements: readonly FountainElement[], problems: BreakdownProblem[]): SceneText[] {
  const scenes: { heading: SceneText['heading']; synopsis: string[]; beats: Beat[]; to: number }[] = [];
  let speech: Extract<Beat, { type: 'speech' }> | undefined;
  for (const e of elements) {
    if (e.kind === 'heading') {
      scenes.push({ heading: e, synopsis: [], beats: [], to: e.range.end.line });
      speech = undefined;
      continue;
    }
    const scene = scenes.at(-1);
    if (!scene) continue;
    scene.to = e.range.end.line;
    if (e.kind === 'synopsis') scene.synopsis.push(flat(e.text));
    else if (e.kind === 'action') {
      const text = flat(e.text);
      if (text) scene.beats.push({ type: 'action', text, lines: linesOf(e) });
      speech = undefined;
    } else if (e.kind === 'character') {
      speech = { type: 'speech', name: e.name, key: foldName(e.name), text: '', lines: linesOf(e) };
      scene.beats.push(speech);
    } else if ((e.kind === 'dialogue' || e.kind === 'lyric') && speech) {
      const text = flat(e.text);
      const joined = [speech.text, text].filter(Boolean).join(' ');
      scene.beats[scene.beats.length - 1] = speech = { ...speech, text: joined, lines: { from: speech.lines.from, to: e.range.end.line } };
    } else if (e.kind === 'note') {
      const note = readShotNote(e.text.trim());
      if (note && 'problem' in note) problems.push({ line: e.range.start.line, column: e.range.start.column, message: note.problem });
      else if (note) scene.beats.push({ type: 'shot', note, lines: linesOf(e) });
    } else if (e.kind !== 'parenthetical') speech = undefined;
  }
  return scenes.map((s) => ({ heading: s.heading, synopsis: s.synopsis.join(' '), beats: s.beats, lines: { from: s.heading.range.start.line, to: s.to } }));
}
