import * as vscode from 'vscode';
import { decodeUtf8, type LocatedIssue } from '../core';

/**
 * VS Code has already decoded the TextDocument, turning bytes that are not UTF-8 into U+FFFD; writing
 * it would save U+FFFD over the original bytes. So the canvas reads the file's bytes itself: if they
 * are not UTF-8, this is the located problem, and the canvas must not edit the document.
 */
export async function diskEncodingIssue(uri: vscode.Uri): Promise<LocatedIssue | undefined> {
  let bytes: Uint8Array;
  try {
    bytes = await vscode.workspace.fs.readFile(uri);
  } catch {
    // Not on any file system (untitled) or gone: the document's text is all there is.
    return undefined;
  }
  const decoded = decodeUtf8(bytes);
  return decoded.ok ? undefined : decoded.issue;
}

/**
 * VS Code decodes with the document's encoding (a files.encoding setting, a guess, Reopen with
 * Encoding) and saves with it too. Any other than UTF-8 would show the canvas other characters than
 * the file holds, and write what the canvas adds in that encoding: the file would no longer be UTF-8.
 */
export function documentEncodingIssue(document: vscode.TextDocument): LocatedIssue | undefined {
  const encoding = document.encoding;
  if (encoding === 'utf8' || encoding === 'utf8bom') return undefined;
  const message =
    `VS Code reads this file as ${encoding}, but a .bmad file is UTF-8: use Reopen with Encoding and pick UTF-8 ` +
    `(or, if it really was written in ${encoding}, Save with Encoding and pick UTF-8)`;
  return { path: [], message, line: 1, column: 1 };
}
