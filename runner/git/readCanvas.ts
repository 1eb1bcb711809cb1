import fs from 'node:fs';
import path from 'node:path';
import { simpleGit } from 'simple-git';
import { emptyDocument, formatIssue, parseDocumentBytes, type BmadDocument } from '../../core';
import { UserError } from '../errors';

/**
 * A canvas named on the command line: a file, or a version of one in git as `REV:PATH` (git's own
 * syntax: PATH from the repository's root, or from the current folder when it starts with `./`).
 * A name that is an existing file is always the file, so `C:\film\main.bmad` is never a revision.
 */

export interface NamedCanvas {
  readonly name: string;
  readonly doc: BmadDocument;
}

/** Git hands a diff or merge driver /dev/null for the side of a file that does not exist. */
const NO_FILE = '/dev/null';

function parsed(name: string, bytes: Uint8Array): NamedCanvas {
  const r = parseDocumentBytes(bytes);
  if (!r.ok) throw new UserError(r.issues.map((i) => formatIssue(name, i)).join('\n'));
  return { name, doc: r.doc };
}

export function readCanvasFile(file: string, cwd: string): NamedCanvas {
  if (file === NO_FILE) return { name: file, doc: emptyDocument() };
  const abs = path.resolve(cwd, file);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(`${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (e as Error).message}`);
  }
  return parsed(file, bytes);
}

const REVISION = /^([^:]+):(.+)$/s;

export async function readCanvasArg(arg: string, cwd: string): Promise<NamedCanvas> {
  const m = REVISION.exec(arg);
  if (!m || fs.existsSync(path.resolve(cwd, arg))) return readCanvasFile(arg, cwd);
  try {
    return parsed(arg, await simpleGit({ baseDir: cwd }).showBuffer([`${m[1]}:${m[2]}`]));
  } catch (e) {
    if (e instanceof UserError) throw e;
    // git's own words say which part was wrong: the revision, or the path in it.
    const why = String((e as Error).message).trim().split('\n').find((l) => l.startsWith('fatal:')) ?? (e as Error).message;
    throw new UserError(`${arg}: not a file, and git cannot read it as REV:PATH (${why.replace(/^fatal: /, '')})`);
  }
}

/** `FILE` alone means: the committed version (HEAD) against the file as it is now. */
export function headVersionOf(file: string): string {
  const rel = file.split(path.sep).join('/');
  return `HEAD:${rel.startsWith('/') || rel.startsWith('./') || rel.startsWith('../') ? rel : `./${rel}`}`;
}
