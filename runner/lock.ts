import fs from 'node:fs';
import { z } from 'zod';
import { canonicalJsonPretty } from '../core/canonicalJson';
import { Tier } from '../core';
import { Sha256 } from './cache/records';
import { writeFileAtomic } from './fsAtomic';

/**
 * `render.lock` at the project root (committed): for each canvas and node, the job key, pipeline,
 * backend and every output's hash and size, and where it was materialized. Canonical JSON, so an
 * unchanged render rewrites it byte for byte and a one-shot change is a few lines of diff.
 */

export const LockOutput = z.strictObject({
  role: z.string(),
  /** Project-relative path in 03_Renders. */
  file: z.string(),
  sha256: Sha256,
  size: z.number().int().nonnegative(),
});
export type LockOutput = z.infer<typeof LockOutput>;

export const LockNode = z.strictObject({
  kind: z.string(),
  key: Sha256,
  pipeline: z.string().regex(/^[a-z0-9][a-z0-9.-]*@\d+$/),
  backend: z.string(),
  tier: Tier,
  seed: z.number().int(),
  outputs: z.array(LockOutput).min(1),
  /** Other seeds rendered as takes (`bmad takes`); the chosen one is the node's seed param. */
  takes: z.array(z.number().int()).optional(),
});
export type LockNode = z.infer<typeof LockNode>;

export const LockCanvas = z.strictObject({
  /** The tier the canvas was last rendered at; `regenerate` uses it. */
  tier: Tier,
  nodes: z.record(z.string(), LockNode),
});
export type LockCanvas = z.infer<typeof LockCanvas>;

export const RenderLock = z.strictObject({
  version: z.literal(1),
  canvases: z.record(z.string(), LockCanvas),
});
export type RenderLock = z.infer<typeof RenderLock>;

export class LockProblem extends Error {}

export function emptyLock(): RenderLock {
  return { version: 1, canvases: {} };
}

export function readLock(file: string): RenderLock {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return emptyLock();
    throw e;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new LockProblem(`${file}: not valid JSON (${(e as Error).message}); fix it, or delete it and render again`);
  }
  const r = RenderLock.safeParse(raw);
  if (!r.success) {
    const i = r.error.issues[0]!;
    throw new LockProblem(`${file}: ${i.path.join('.') || '(root)'}: ${i.message}`);
  }
  return r.data;
}

/** Writes only when the text changes, so a no-op render leaves the file (and its mtime) alone. */
export function writeLock(file: string, lock: RenderLock): boolean {
  const text = canonicalJsonPretty(RenderLock.parse(lock));
  const old = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  if (old === text) return false;
  writeFileAtomic(file, text);
  return true;
}
