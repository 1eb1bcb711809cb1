import { MAX_DEPTH, visit } from './jsonc';
import type { TextProblem } from './jsonSyntax';

/**
 * What JSON.parse hides in a text it accepts: a key repeated in one object (it keeps the last value
 * and says nothing, so a hand-merged file could lose one unseen) and nesting too deep to walk.
 *
 * Every colon outside a string separates a key from its value, so the text repeats a key exactly when
 * it has more such colons than the parsed value has keys. When no parsed string (key or value) holds a
 * colon, no colon of the text is inside a string, and counting them is a native search; otherwise one
 * pass that skips strings counts them. Only when the counts differ does the locating visitor run.
 */
export function hiddenProblems(text: string, value: unknown): { tooDeep: TextProblem } | { duplicates: TextProblem[] } {
  const parsed = walk(value);
  const keys = !parsed.tooDeep && !parsed.colonInString ? colons(text) : jsonShape(text);
  if (typeof keys !== 'number' && keys.tooDeepAt !== undefined) {
    return { tooDeep: { offset: keys.tooDeepAt, path: [], message: `nesting deeper than ${MAX_DEPTH} levels` } };
  }
  const inText = typeof keys === 'number' ? keys : keys.keys;
  return { duplicates: inText === parsed.keys ? [] : duplicateKeys(text) };
}

function colons(text: string): number {
  let n = 0;
  for (let i = text.indexOf(':'); i >= 0; i = text.indexOf(':', i + 1)) n++;
  return n;
}

/** Keys of every object in a parsed value, whether a string holds a colon, whether it nests too deep. */
function walk(value: unknown): { keys: number; colonInString: boolean; tooDeep: boolean } {
  const state = { keys: 0, colonInString: false, tooDeep: false };
  const visitValue = (v: unknown, depth: number): void => {
    if (typeof v === 'string') {
      if (!state.colonInString && v.includes(':')) state.colonInString = true;
      return;
    }
    if (v === null || typeof v !== 'object') return;
    if (depth >= MAX_DEPTH) {
      state.tooDeep = true;
      return;
    }
    if (Array.isArray(v)) {
      for (const x of v) visitValue(x, depth + 1);
      return;
    }
    for (const k in v) {
      state.keys++;
      if (!state.colonInString && k.includes(':')) state.colonInString = true;
      visitValue((v as Record<string, unknown>)[k], depth + 1);
    }
  };
  visitValue(value, 0);
  return state;
}

/** Colons outside strings, and where nesting first goes deeper than MAX_DEPTH: one pass over the text. */
function jsonShape(text: string): { keys: number; tooDeepAt: number | undefined } {
  let keys = 0;
  let depth = 0;
  let tooDeepAt: number | undefined;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) i = stringEnd(text, i);
    else if (c === 58) keys++;
    else if (c === 123 || c === 91) {
      if (++depth > MAX_DEPTH && tooDeepAt === undefined) tooDeepAt = i;
    } else if (c === 125 || c === 93) depth--;
  }
  return { keys, tooDeepAt };
}

/** The closing quote of the string that opens at `open` (valid JSON: there is one); indexOf is native. */
function stringEnd(text: string, open: number): number {
  for (let close = text.indexOf('"', open + 1); close >= 0; close = text.indexOf('"', close + 1)) {
    let backslashes = 0;
    while (text.charCodeAt(close - 1 - backslashes) === 92) backslashes++;
    if (backslashes % 2 === 0) return close;
  }
  return text.length;
}

/** Every key that repeats one earlier in the same object, located at the repeat. */
export function duplicateKeys(text: string): TextProblem[] {
  const found: TextProblem[] = [];
  const open: Map<string, number>[] = [];
  visit(text, {
    onObjectBegin: (offset) => {
      if (open.length >= MAX_DEPTH) throw new RangeError(`nesting deeper than ${MAX_DEPTH} levels at offset ${offset}`);
      open.push(new Map());
    },
    onObjectEnd: () => void open.pop(),
    onObjectProperty: (key, offset, _length, line, _column, pathTo) => {
      const seen = open[open.length - 1];
      const first = seen?.get(key);
      if (first === undefined) seen?.set(key, line + 1);
      else {
        const message = `duplicate key "${key}" (first at line ${first}); one of the values would be lost`;
        found.push({ offset, path: [...pathTo(), key], message });
      }
    },
  });
  return found;
}
