import * as vscode from 'vscode';
import { z } from 'zod';

/** What VS Code's git extension puts in the query of a `git:` URI: the file, and which version of it. */
const GitQuery = z.object({ path: z.string(), ref: z.string() });
export type GitVersion = z.infer<typeof GitQuery>;

/** The file and version a `git:` URI shows, or undefined when the URI is not the git extension's. */
export function gitVersion(uri: vscode.Uri): GitVersion | undefined {
  if (uri.scheme !== 'git') return undefined;
  try {
    const q = GitQuery.safeParse(JSON.parse(uri.query));
    return q.success ? q.data : undefined;
  } catch {
    // Not JSON: the URI came from somewhere other than the git extension.
    return undefined;
  }
}

/**
 * Why a canvas cannot be written, as the version it shows ("HEAD", "~", a commit), or undefined when
 * it can. VS Code's git opens the older side of a diff on a read-only `git:` file system.
 */
export function readOnlyLabel(uri: vscode.Uri): string | undefined {
  // A Live Share guest's canvas (`vsls:`) is writable unless Live Share made the session read-only.
  if (vscode.workspace.fs.isWritableFileSystem(uri.scheme) !== false && uri.scheme !== 'git') return undefined;
  if (uri.scheme === 'vsls') return 'Live Share, read-only';
  if (uri.scheme !== 'git') return uri.scheme;
  const ref = gitVersion(uri)?.ref ?? '';
  // The git extension names the index "~" or "" (git show :path); a commit by its full hash, which
  // reads as its short form (also in `<hash>^`, the Timeline's parent of a first commit).
  const label = ref === '~' || ref === '' ? 'index' : ref.replace(/\b([0-9a-f]{7})[0-9a-f]{33}\b/g, '$1');
  return `git ${label}`.slice(0, 200);
}
