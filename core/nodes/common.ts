import { z } from 'zod';
import { Seed, Tier } from '../ports';

/** Params shared by every generating node: what makes its output reproducible. */
export const generation = {
  seed: Seed.describe('Random seed; the same seed and params give the same output'),
  tier: Tier.optional().describe('Quality tier for this node; the project default when unset'),
};

export const Text = (max: number) => z.string().max(max);
export const HexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'expected a colour like #3a7bd5');
/** A duration in seconds. */
export const Seconds = (min: number, max: number) => z.number().min(min).max(max);
