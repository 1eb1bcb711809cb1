import path from 'node:path';
import { simpleGit } from 'simple-git';
import { diffCanvases, diffSummary, emptyDocument, parseDocumentBytes, type BmadDocument } from '../../core';

/**
 * A canvas's past in git: the commits that touched it, what each changed node by node, and its
 * document at any of them. Read with git itself from the canvas's folder, so any repository layout works.
 */

export interface CanvasCommit {
  readonly hash: string;
  readonly subject: string;
  readonly author: string;
  /** ISO 8601, as git prints it. */
  readonly date: string;
  /** What the commit did to this canvas, e.g. "1 shot changed, 1 image added" (core's diffSummary). */
  readonly summary: string;
}

const gitAt = (file: string) => simpleGit({ baseDir: path.dirname(file) });
/** `./name` is git's path relative to the current folder, which is the canvas's own. */
const here = (file: string) => `./${path.basename(file)}`;

export type CanvasAt = { ok: true; doc: BmadDocument } | { ok: false; message: string };

/**
 * The canvas as it was at `rev`. A revision where the file did not exist reads as an empty canvas
 * (the commit that created it added everything); a version that does not parse says so.
 */
export async function canvasAt(file: string, rev: string): Promise<CanvasAt> {
  let bytes: Buffer;
  try {
    bytes = await gitAt(file).showBuffer([`${rev}:${here(file)}`]);
  } catch (e) {
    const why = String((e as Error).message);
    if (/does not exist in|exists on disk, but not in|invalid object name|unknown revision|bad revision/i.test(why)) return { ok: true, doc: emptyDocument() };
    return { ok: false, message: `${rev}: git cannot read ${path.basename(file)} (${why.trim().split('\n')[0]})` };
  }
  const r = parseDocumentBytes(bytes);
  if (!r.ok) return { ok: false, message: `${path.basename(file)} at ${rev} does not read as a canvas: ${r.issues[0]?.message ?? 'unknown'}` };
  return { ok: true, doc: r.doc };
}

/** Newest first; `limit` bounds how far back (a canvas edited daily for years has thousands). */
export async function canvasCommits(file: string, limit = 100): Promise<CanvasCommit[]> {
  const git = gitAt(file);
  const log = await git.log({ file: here(file), maxCount: limit });
  const out: CanvasCommit[] = [];
  for (const c of log.all) {
    const [before, after] = await Promise.all([canvasAt(file, `${c.hash}^`), canvasAt(file, c.hash)]);
    const summary = before.ok && after.ok ? diffSummary(diffCanvases(before.doc, after.doc)) : 'does not read as a canvas';
    out.push({ hash: c.hash, subject: c.message, author: c.author_name, date: c.date, summary });
  }
  return out;
}

/** Local branches, for comparing with a branch's version; the current one first. */
export async function localBranches(file: string): Promise<string[]> {
  const b = await gitAt(file).branchLocal();
  return [b.current, ...b.all.filter((n) => n !== b.current)].filter((n) => n.length > 0);
}
