const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A short random id such as `n_k3x9q2ap`: 8 characters from 36 give ~2.8e12 values, so two people adding
 * nodes at the same moment will not collide. Uses the platform CSPRNG (Node 20 and browsers both have it).
 */
export function newId(prefix: 'n' | 'e'): string {
  const bytes = new Uint8Array(8);
  globalThis.crypto.getRandomValues(bytes);
  let s = prefix + '_';
  for (const b of bytes) s += ALPHABET[b % ALPHABET.length];
  return s;
}
