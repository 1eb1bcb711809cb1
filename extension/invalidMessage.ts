import type * as vscode from 'vscode';
import type { LocatedIssue, ToWebview } from '../core';
import { parseLfsPointer } from '../core/lfsPointer';

/**
 * The error view's message. A text that is a Git LFS pointer names the size to pull; only a file on
 * disk can be pulled, so an older version from git that is a pointer stays a plain error.
 */
export function invalidMessage(uri: vscode.Uri, file: string, text: string, issues: readonly LocatedIssue[]): ToWebview {
  const pointer = uri.scheme === 'file' ? parseLfsPointer(text) : undefined;
  return {
    type: 'invalid', file, issues: issues.map((i) => ({ ...i, path: [...i.path] })),
    ...(pointer && { lfsPointer: { size: pointer.size } }),
  };
}
