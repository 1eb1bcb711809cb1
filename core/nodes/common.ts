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

/**
 * On a node the script breakdown made: which part of the script it stands for (a stable key such as
 * `scene:2` or `shot:7`) and a short hash of each value it last wrote, by param (`@label` for the
 * label). A value that no longer matches its hash was edited by hand, and a re-run leaves it alone.
 */
export const ScriptSource = z
  .strictObject({
    key: z.string().min(1).max(300),
    wrote: z.record(z.string().max(40), z.string().max(16)),
  })
  .optional()
  .describe('What the script breakdown last wrote here (kept by Break Down Script)');
