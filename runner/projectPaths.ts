import fs from 'node:fs';
import path from 'node:path';
import { UserError } from './errors';

/**
 * The one check for every path that comes from a file someone could commit — render.lock, project.json,
 * a canvas (its own name and its params): relative, no `..`, not absolute, inside its folder, and no
 * symlink on the way that leads out. A project cloned from a stranger must not make the engine read,
 * write or delete anything outside it.
 */

export class PathRefused extends UserError {
  constructor(
    readonly where: string,
    /** The refusal without `where`, for callers that locate the path themselves. */
    readonly reason: string,
  ) {
    super(`${where}: ${reason}`);
  }
}

const SEPARATORS = /[\\/]+/;

/**
 * Lexical checks only: `ref` as a normalized POSIX path relative to the project root (`./` and doubled
 * slashes dropped), and within `under` (a project-relative folder) when given.
 */
export function projectRelative(ref: string, where: string, under?: string): string {
  if (ref.includes('\0')) throw new PathRefused(where, `"${ref}" is not a file name`);
  // Backslashes count as separators on every platform: a path written on Windows means the same there.
  if (path.posix.isAbsolute(ref) || path.win32.isAbsolute(ref) || /^[A-Za-z]:/.test(ref)) {
    throw new PathRefused(where, `"${ref}" is an absolute path; use a path inside the project`);
  }
  const parts = ref.split(SEPARATORS).filter((p) => p !== '' && p !== '.');
  if (parts.includes('..')) throw new PathRefused(where, `"${ref}" leaves the project (..); use a path inside the project`);
  if (!parts.length) throw new PathRefused(where, `"${ref}" names the project folder itself, not a file in it`);
  const rel = parts.join('/');
  if (under !== undefined && !rel.startsWith(`${under}/`)) throw new PathRefused(where, `"${ref}" is not inside ${under}/`);
  return rel;
}

/** Where `abs` really is: the deepest part that exists resolved through its links, the rest appended. */
function realOf(abs: string): string {
  const rest: string[] = [];
  let probe = abs;
  for (;;) {
    try {
      return path.join(fs.realpathSync(probe), ...rest);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw e;
    }
    // A link to something missing still says where a write through it would land.
    if (fs.lstatSync(probe, { throwIfNoEntry: false })?.isSymbolicLink()) {
      return path.join(realOf(path.resolve(path.dirname(probe), fs.readlinkSync(probe))), ...rest);
    }
    const up = path.dirname(probe);
    if (up === probe) return path.join(probe, ...rest);
    rest.unshift(path.basename(probe));
    probe = up;
  }
}

const within = (folder: string, p: string): boolean => {
  const r = path.relative(folder, p);
  return r === '' || (!r.startsWith('..') && !path.isAbsolute(r));
};

/**
 * The absolute path of `ref` inside the project at `root` (and inside `under`), for reading, writing
 * or removing: refused when it is lexically outside, or when a link on the way leads out of the
 * project (or out of `under`). The file itself need not exist.
 */
export function insideProject(root: string, ref: string, where: string, under?: string): string {
  const rel = projectRelative(ref, where, under);
  const abs = path.join(root, rel);
  let real: string;
  let realRoot: string;
  let realBase: string;
  try {
    realRoot = fs.realpathSync(root);
    realBase = under === undefined ? realRoot : realOf(path.join(root, under));
    real = realOf(abs);
  } catch (e) {
    throw new PathRefused(where, `"${ref}" cannot be followed (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  if (!within(realRoot, realBase) || !within(realRoot, real)) {
    throw new PathRefused(where, `"${ref}" is a link to ${within(realRoot, realBase) ? real : realBase}, outside the project`);
  }
  if (!within(realBase, real)) throw new PathRefused(where, `"${ref}" is a link to ${real}, outside ${under}/`);
  if (real === realRoot) throw new PathRefused(where, `"${ref}" is a link to the project folder itself`);
  return abs;
}

/** Like insideProject, for a file that must exist: its real path. */
export function existingFileInside(root: string, ref: string, where: string, under?: string): string {
  const abs = insideProject(root, ref, where, under);
  let real: string;
  try {
    real = fs.realpathSync(abs);
  } catch {
    throw new PathRefused(where, `"${ref}" does not exist in the project`);
  }
  if (!fs.statSync(real).isFile()) throw new PathRefused(where, `"${ref}" is not a file`);
  return real;
}
