import path from 'node:path';

/**
 * Glob syntax in a file name would make the pattern mean something else; `?` matches that one
 * character (and any other), and the watcher's listener keeps only the files really probed.
 */
const GLOB_SYNTAX = /[*?[\]{},]/g;

/**
 * One glob, relative to `root`, that matches exactly the files probed (`{a,b,c}`), so a watcher on
 * it hears nothing of the hundreds of files a render writes elsewhere; undefined when there are none.
 */
export function probedFilesGlob(root: string, files: Iterable<string>): string | undefined {
  const rels = new Set([...files].map((f) => path.relative(root, f).split(path.sep).join('/').replace(GLOB_SYNTAX, '?')));
  if (!rels.size) return undefined;
  const sorted = [...rels].sort();
  return sorted.length === 1 ? sorted[0] : `{${sorted.join(',')}}`;
}
