import fs from 'node:fs';
import { z } from 'zod';
import { canonicalJsonPretty } from '../core/canonicalJson';
import { Tier } from '../core';
import { Sha256 } from './cache/records';
import { writeFileAtomic } from './fsAtomic';
import { jsonLocation, schemaProblem, type JsonPath } from './jsonLocation';
import { canvasKey, rendersFolder } from './project';
import { PathRefused, projectRelative } from './projectPaths';

/**
 * `render.lock` at the project root (committed): for each canvas and node, the job key, pipeline,
 * backend and every output's hash and size, and where it was materialized. Canonical JSON, so an
 * unchanged render rewrites it byte for byte and a one-shot change is a few lines of diff.
 */

export const LockOutput = z.strictObject({
  role: z.string(),
  /** Project-relative path in its canvas's folder of 03_Renders (checked by readLock). */
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
    const why = `not valid JSON (${(e as Error).message}); fix it, or delete it and render again`;
    throw new LockProblem(`${jsonLocation(file, text, [])}: ${why}`);
  }
  const r = RenderLock.safeParse(raw);
  if (!r.success) throw new LockProblem(schemaProblem(file, text, raw, r.error, lockPath));
  const refused = refusedPath(r.data);
  if (refused) throw new LockProblem(`${jsonLocation(file, text, refused.at, refused.key)}: ${refused.error.message}`);
  return r.data;
}

/** `canvases["02_Source_Creative/main.bmad"].nodes["n1"].outputs[0].file`: record keys quoted, as they may hold dots. */
export function lockPath(at: JsonPath): string {
  let out = '';
  at.forEach((p, n) => {
    if (typeof p === 'number') out += `[${p}]`;
    else if (n > 0 && (at[n - 1] === 'canvases' || at[n - 1] === 'nodes')) out += `[${JSON.stringify(p)}]`;
    else out += out ? `.${p}` : p;
  });
  return out;
}

/**
 * A lock comes from the repository, so from anyone: every canvas it names must be a canvas path inside
 * the project, and every output file must lie in that canvas's folder of 03_Renders. Checked before
 * anything is read, written or removed on its word.
 */
function refusedPath(lock: RenderLock): { at: JsonPath; key: boolean; error: PathRefused } | undefined {
  for (const [canvas, entry] of Object.entries(lock.canvases)) {
    const at = ['canvases', canvas];
    try {
      canvasKey(canvas, lockPath(at));
    } catch (e) {
      if (e instanceof PathRefused) return { at, key: true, error: e };
      throw e;
    }
    const folder = rendersFolder(canvas);
    for (const [id, node] of Object.entries(entry.nodes)) {
      for (const [n, o] of node.outputs.entries()) {
        const field = [...at, 'nodes', id, 'outputs', n, 'file'];
        try {
          projectRelative(o.file, lockPath(field), folder);
        } catch (e) {
          if (e instanceof PathRefused) return { at: field, key: false, error: e };
          throw e;
        }
      }
    }
  }
  return undefined;
}

/** Writes only when the text changes, so a no-op render leaves the file (and its mtime) alone. */
export function writeLock(file: string, lock: RenderLock): boolean {
  const text = canonicalJsonPretty(RenderLock.parse(lock));
  const old = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  if (old === text) return false;
  writeFileAtomic(file, text);
  return true;
}
