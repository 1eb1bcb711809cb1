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
