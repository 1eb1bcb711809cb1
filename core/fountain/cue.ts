import type { CharacterCue } from './types';

const CONTD = /^\((?:CONT['’]?D|CONTINUED)\)$/i;
const LETTER = /\p{L}/u;

/**
 * A character cue from a trimmed line, or undefined. Spec: a line entirely in upper case with at least
 * one letter (`R2D2` yes, `23` no), optionally with parenthesised extensions, which may be in any
 * case, and a final `^` for dual dialogue; `@` forces any name. Whether the lines around it allow a
 * cue is the caller's question.
 */
export function readCue(trimmed: string): (CharacterCue & { caret: boolean }) | undefined {
  const forced = trimmed.startsWith('@');
  let rest = forced ? trimmed.slice(1) : trimmed;
  const caret = rest.endsWith('^');
  if (caret) rest = rest.slice(0, -1).trimEnd();
  const open = rest.indexOf('(');
  const name = (open < 0 ? rest : rest.slice(0, open)).trim();
  const extensions: string[] = [];
  if (open >= 0) {
    let tail = rest.slice(open);
    for (let m = /^\([^()]*\)\s*/.exec(tail); m; m = /^\([^()]*\)\s*/.exec(tail)) {
      extensions.push(m[0].trim());
      tail = tail.slice(m[0].length);
    }
    if (tail !== '') return undefined;
  }
  if (name === '' || /[\^()]/.test(name)) return undefined;
  if (!forced && (name !== name.toUpperCase() || !LETTER.test(name))) return undefined;
  const contd = extensions.some((e) => CONTD.test(e));
  return { name, extensions: extensions.filter((e) => !CONTD.test(e)), contd, forced, caret };
}
