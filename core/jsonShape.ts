import { MAX_DEPTH, visit } from './jsonc';
import type { TextProblem } from './jsonSyntax';

/**
 * JSON.parse keeps the last of two equal keys and says nothing, so a hand-merged file could lose a
 * value unseen. Finding duplicates costs one tight pass over the text: in text JSON.parse accepted, a
 * colon outside a string is always a key's, so the text has duplicates exactly when it has more colons
 * than the parsed value has keys. Only then does the slower, locating visitor run.
 */
export interface JsonShape {
  /** Colons outside strings: one per key in the text. */
  readonly keys: number;
  /** Offset of the first bracket nested deeper than MAX_DEPTH, if any. */
  readonly tooDeepAt: number | undefined;
}

/** One pass over a text that JSON.parse accepted. */
export function jsonShape(text: string): JsonShape {
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

/** Keys of every object in a parsed value (no deeper than MAX_DEPTH, which jsonShape checked). */
export function keyCount(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  let n = 0;
  if (Array.isArray(value)) {
    for (const v of value) n += keyCount(v);
    return n;
  }
  for (const k in value) {
    n++;
    n += keyCount((value as Record<string, unknown>)[k]);
  }
  return n;
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
      else found.push({ offset, path: [...pathTo(), key], message: `duplicate key "${key}" (first at line ${first}); one of the values would be lost` });
    },
  });
  return found;
}
