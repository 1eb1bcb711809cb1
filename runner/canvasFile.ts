import fs from 'node:fs';
import { decodeUtf8, formatIssue, parseDocumentBytes, type BmadDocument } from '../core';
import { UserError } from './errors';

/** A file's bytes; a file that cannot be read is a UserError at `shown:1:1` saying why. */
export function readFileOrSay(file: string, shown: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(`${shown}:1:1: cannot read: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (e as Error).message}`);
  }
}

/** A text file that must be UTF-8 (a script); anything else is a located UserError. */
export function readTextOrSay(file: string, shown: string): string {
  const text = decodeUtf8(readFileOrSay(file, shown));
  if (!text.ok) throw new UserError(formatIssue(shown, text.issue));
  return text.text;
}

/** The canvas, read and checked; any problem is a UserError of located lines. */
export function readCanvasFile(file: string, shown: string): { doc: BmadDocument; bytes: Buffer } {
  const bytes = readFileOrSay(file, shown);
  const r = parseDocumentBytes(bytes);
  if (!r.ok) throw new UserError(r.issues.map((i) => formatIssue(shown, i)).join('\n'));
  return { doc: r.doc, bytes };
}
