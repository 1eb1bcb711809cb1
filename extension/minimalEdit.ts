/**
 * The smallest single replacement that turns one text into another: the differing middle between
 * their common prefix and common suffix. Pure (no `vscode`) so it is unit-tested on its own.
 *
 * Why one replace and not a full diff: a canvas gesture changes one place in the canonical text (a
 * position line, a params block, an inserted node), so prefix/suffix already gives a minimal edit,
 * in O(n) with no allocation, and VS Code's undo, dirty diff and Live Share see a small change.
 */
export interface TextReplace {
  /** Offset in the old text where the replaced range starts (UTF-16 code units). */
  readonly start: number;
  /** Offset in the old text where the replaced range ends, exclusive. */
  readonly end: number;
  /** What replaces `old.slice(start, end)`. */
  readonly text: string;
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** Undefined when the texts are equal; otherwise `old.slice(0, start) + text + old.slice(end) === next`. */
export function minimalEdit(old: string, next: string): TextReplace | undefined {
  if (old === next) return undefined;
  const max = Math.min(old.length, next.length);
  let prefix = 0;
  while (prefix < max && old.charCodeAt(prefix) === next.charCodeAt(prefix)) prefix++;
  // Never cut a surrogate pair: VS Code snaps such a position to the pair's start, which would
  // silently change what the edit replaces.
  if (prefix > 0 && isHigh(old.charCodeAt(prefix - 1))) prefix--;

  let suffix = 0;
  const room = max - prefix;
  while (suffix < room && old.charCodeAt(old.length - 1 - suffix) === next.charCodeAt(next.length - 1 - suffix)) suffix++;
  if (suffix > 0 && isLow(old.charCodeAt(old.length - suffix))) suffix--;

  return { start: prefix, end: old.length - suffix, text: next.slice(prefix, next.length - suffix) };
}

/** Applies a replacement to a string; the tests use it to check `minimalEdit`. */
export function applyReplace(old: string, r: TextReplace | undefined): string {
  return r ? old.slice(0, r.start) + r.text + old.slice(r.end) : old;
}
