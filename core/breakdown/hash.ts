import { canonicalJson } from '../canonicalJson';

/**
 * Short content hashes for ids and for "what the breakdown wrote". Not for security: FNV-1a, twice
 * with different offsets for 64 bits, written in base 36. Pure, so core stays free of node:crypto.
 */
function fnv1a(text: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** A number from a text, the same for the same text: for picking from a list. */
export const hashNumber = (text: string): number => fnv1a(text, 0x811c9dc5);

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

function digits(text: string, count: number): string {
  let out = '';
  for (let k = 0; out.length < count; k++) {
    let h = fnv1a(text, 0x811c9dc5 ^ Math.imul(k + 1, 0x9e3779b1));
    for (let j = 0; j < 4 && out.length < count; j++, h = Math.floor(h / 36)) out += ALPHABET[h % 36];
  }
  return out;
}

/** An id like the studio's own (`n_k3x9q2ap`), the same for the same key. */
export function stableId(prefix: 'n' | 'e', key: string): string {
  return `${prefix}_${digits(key, 8)}`;
}

/** A short hash of a JSON value, the same for values that mean the same. */
export function valueHash(value: unknown): string {
  return digits(canonicalJson(value ?? null), 8);
}
