import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { JOB_KINDS } from '../core/previewParams';
import type { Cache } from './cache/cache';
import { RenderIndex } from './cache/renderIndex';
import type { JobRecord } from './cache/records';
import { copyFileAtomic } from './fsAtomic';
import { sha256File } from './hash';
import type { LockOutput } from './lock';
import type { PlannedJob } from './plan/plan';
import { RENDERS_DIR } from './projectLayout';
import { insideProject } from './projectPaths';

/**
 * Approved outputs under human names in `03_Renders/<canvas>/`: `shot-03-keyframe.png`, `film.mp4`,
 * `film.srt`, `film-contact-sheet.png`. Copied from the cache (a reflink where the filesystem allows)
 * and never hard-linked, so editing a render can never damage the cache. A file already holding the
 * right bytes is left alone.
 */

/** `<stem><ext>` for the main output and subtitles (players find `film.srt` beside `film.mp4`), else `<stem>-<role><ext>`. */
export function renderName(job: Pick<PlannedJob, 'kind' | 'stem'>, role: string, outputName: string): string {
  const ext = path.extname(outputName).toLowerCase();
  const primary = JOB_KINDS[job.kind].roles[0];
  return role === primary || role === 'subtitles' ? `${job.stem}${ext}` : `${job.stem}-${role}${ext}`;
}

/** Project-relative POSIX path of a node's render. */
export function renderPath(canvasName: string, file: string, sub?: string): string {
  return [RENDERS_DIR, canvasName, ...(sub ? [sub] : []), file].join('/');
}

/** The absolute path of a render, refused unless it stays in its canvas's folder (links included). */
function renderFile(root: string, canvasName: string, rel: string, where: string): string {
  return insideProject(root, rel, where, `${RENDERS_DIR}/${canvasName}`);
}

export interface Placement {
  readonly root: string;
  readonly cache: Cache;
  readonly index: RenderIndex;
}

export function placement(root: string, cache: Cache): Placement {
  return { root, cache, index: new RenderIndex(path.join(cache.dir, 'renders.json'), root) };
}

/** Puts a job's outputs in 03_Renders; returns what render.lock records for them. */
export async function materialize(at: Placement, canvasName: string, job: PlannedJob, record: JobRecord, sub?: string, nameOf?: (role: string, name: string) => string): Promise<LockOutput[]> {
  const out: LockOutput[] = [];
  for (const o of record.outputs) {
    const rel = renderPath(canvasName, nameOf ? nameOf(o.role, o.name) : renderName(job, o.role, o.name), sub);
    await placeRender(at, canvasName, rel, o.sha256);
    out.push({ role: o.role, file: rel, sha256: o.sha256, size: o.size });
  }
  return out;
}

/** Makes `rel` (a render of canvas `canvasName`) hold the object `sha256`, copying it only when the bytes differ. */
export async function placeRender(at: Placement, canvasName: string, rel: string, sha256: string): Promise<void> {
  const dest = renderFile(at.root, canvasName, rel, `render of ${canvasName}`);
  if (at.index.holds(rel, sha256)) return;
  if (!(fs.existsSync(dest) && (await sha256File(dest)).sha256 === sha256)) copyFileAtomic(await at.cache.objects.verified(sha256), dest);
  at.index.note(rel, sha256);
}

/** A render an earlier lock listed that the new one no longer names, at its checked absolute path. */
export interface StaleRender {
  readonly output: LockOutput;
  readonly file: string;
}

/**
 * The renders `before` lists and `after` does not, each checked to lie in the canvas's folder of
 * 03_Renders (links included): one that does not refuses them all, before anything is written or removed.
 */
export function staleRenders(
  root: string,
  canvas: { key: string; name: string },
  before: readonly LockOutput[],
  after: readonly LockOutput[],
): StaleRender[] {
  const keep = new Set(after.map((o) => o.file));
  const where = `render.lock: canvases[${JSON.stringify(canvas.key)}]`;
  const gone = before.filter((o) => !keep.has(o.file));
  return gone.map((output) => ({ output, file: renderFile(root, canvas.name, output.file, where) }));
}

/** Removes stale renders only while they still hold the bytes we put there: a file someone edited or replaced stays. */
export function removeStale(stale: readonly StaleRender[]): string[] {
  const removed: string[] = [];
  for (const { output, file } of stale) {
    if (fs.existsSync(file) && createHash('sha256').update(fs.readFileSync(file)).digest('hex') === output.sha256) {
      fs.rmSync(file, { force: true });
      removed.push(output.file);
    }
  }
  return removed;
}
