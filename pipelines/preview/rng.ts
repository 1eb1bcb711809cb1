import { createHash } from 'node:crypto';

/**
 * Seeded randomness. Every random choice a preview pipeline makes comes from here, derived from the
 * node's seed and a salt naming the purpose, so that adding a new random choice in one place does not
 * shift the numbers every other place draws (which would change unrelated outputs).
 */
export type Rng = () => number;

/** 32-bit hash of a seed and a salt (first four bytes of sha256: stable across platforms and versions). */
export function hash32(seed: number, salt: string): number {
  return createHash('sha256').update(`${seed >>> 0}:${salt}`).digest().readUInt32LE(0);
}

/** mulberry32: tiny, fast, and good enough for grain, placement and melodies. Returns [0, 1). */
export function rng(seed: number, salt: string): Rng {
  let a = hash32(seed, salt);
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const range = (r: Rng, lo: number, hi: number) => lo + (hi - lo) * r();
export const pick = <T>(r: Rng, items: readonly T[]): T => items[Math.floor(r() * items.length) % items.length]!;
