import { parseFountain } from './parse';
import type { Screenplay, ScriptScene, ScriptShot, TimeOfDay } from './screenplayTypes';
import { readShotNote } from './shotNote';
import type { FountainElement } from './types';

/**
 * The example's strict reading of a screenplay (examples/build-example.ts builds its canvas from it):
 * scenes with their synopses, and shots opened by `[[shot …]]` notes. Anything it cannot place throws a
 * FountainError at its line and column, so that canvas can never silently drift from its script.
 * (The breakdown in core/breakdown reads any script, shot notes or not, and never throws.)
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

export const TIMES: Readonly<Record<string, TimeOfDay>> = {
  DAY: 'day', MORNING: 'dawn', DAWN: 'dawn', DUSK: 'dusk', EVENING: 'dusk', NIGHT: 'night',
};

/** What an element's first line says, for a message. */
function firstLine(source: string, e: FountainElement): string {
  const line = source.slice(e.range.start.offset, e.range.end.offset).split(/\r\n|\r|\n/)[0]!;
  return line.trim();
}

/** `file` names the script in error messages (e.g. its project-relative path). */
export function readScreenplay(text: string, file: string): Screenplay {
  const doc = parseFountain(text);
  const title = doc.titlePage.find((t) => t.key === 'Title')?.value.trim() || 'Untitled';
  const scenes: ScriptScene[] = [];
  let shot: ScriptShot | undefined;
  let speaker = '';
  const fail = (e: FountainElement, why: string): never => {
    throw new FountainError(file, e.range.start.line, e.range.start.column, `${why}: "${firstLine(text, e)}"`);
  };
  const inShot = (e: FountainElement, what: string) => shot ?? fail(e, `${what} before the first shot note`);

  for (const e of doc.elements) {
    if (e.kind === 'heading') {
      const time = TIMES[e.text.split(' - ').pop()!.trim()] ?? fail(e, 'a scene heading must end in - DAY, NIGHT, DAWN or DUSK');
      const number = Number(e.sceneNumber ?? scenes.length + 1);
      scenes.push({ number, heading: e.text, timeOfDay: time, synopsis: '', shots: [], line: e.range.start.line });
      shot = undefined;
      continue;
    }
    if (e.kind === 'centered' || e.kind === 'pageBreak' || e.kind === 'section' || e.kind === 'transition') continue;
    const scene = scenes.at(-1) ?? fail(e, 'text before the first scene heading');
    if (e.kind === 'synopsis') scene.synopsis = [scene.synopsis, e.text].filter(Boolean).join(' ');
    else if (e.kind === 'note') {
      const note = readShotNote(e.text) ?? fail(e, 'a note that is not a shot note');
      if ('problem' in note) fail(e, note.problem);
      else scene.shots.push((shot = { ...note, action: '', dialogue: [], line: e.range.start.line }));
    } else if (e.kind === 'character') {
      inShot(e, 'dialogue');
      speaker = e.name;
    } else if (e.kind === 'dialogue' || e.kind === 'lyric') {
      inShot(e, 'dialogue').dialogue.push({ character: speaker, line: e.text.split('\n').join(' ').trim() });
    } else if (e.kind === 'action') {
      const current = inShot(e, 'action');
      current.action = [current.action, e.text.replace(/\s*\n\s*/g, ' ').trim()].filter(Boolean).join(' ');
    }
  }
  return { title, scenes };
}
