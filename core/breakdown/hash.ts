import { canonicalJson } from '../canonicalJson';

/**
 * Short content hashes for ids and for "what the breakdown wrote". Not for security: FNV-1a, twice
 * with different offsets for 64 bits, written in base 36. Pure, so core stays free of node:crypto.
 */
function fnv1a(text: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** A number from a text, the same for the same text: for picking from a list. */
export const hashNumber = (text: string): number => fnv1a(text, 0x811c9dc5);

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Eight base-36 digits from two FNV-1a hashes of the text, run side by side in one pass. */
function digits(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x01000193) >>> 0;
  }
  let out = '';
  for (const h of [a, b]) for (let j = 0, x = h; j < 4; j++, x = Math.floor(x / 36)) out += ALPHABET[x % 36];
  return out;
}

/** An id like the studio's own (`n_k3x9q2ap`), the same for the same key. */
export function stableId(prefix: 'n' | 'e', key: string): string {
  return `${prefix}_${digits(key)}`;
}

/** A short hash of a JSON value, the same for values that mean the same. */
export function valueHash(value: unknown): string {
  // Most params are strings and numbers: their JSON is already canonical.
  const json = value !== null && typeof value === 'object' ? canonicalJson(value) : JSON.stringify(value ?? null);
  return digits(json);
}
