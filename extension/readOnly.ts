import * as vscode from 'vscode';
import { z } from 'zod';

/** What VS Code's git extension puts in the query of a `git:` URI. */
const GitQuery = z.object({ ref: z.string() });

/**
 * Why a canvas cannot be written, as the version it shows ("HEAD", "~", a commit), or undefined when
 * it can. VS Code's git opens the older side of a diff on a read-only `git:` file system.
 */
export function readOnlyLabel(uri: vscode.Uri): string | undefined {
  // A Live Share guest's canvas (`vsls:`) is writable unless Live Share made the session read-only.
  if (vscode.workspace.fs.isWritableFileSystem(uri.scheme) !== false && uri.scheme !== 'git') return undefined;
  if (uri.scheme === 'vsls') return 'Live Share, read-only';
  if (uri.scheme !== 'git') return uri.scheme;
  let ref = '';
  try {
    const q = GitQuery.safeParse(JSON.parse(uri.query));
    if (q.success) ref = q.data.ref;
  } catch {
    // Not JSON: the URI came from somewhere other than the git extension; the scheme names it.
  }
  // The git extension names the index "~" or "" (git show :path); a commit by its full hash.
  const label = ref === '~' || ref === '' ? 'index' : /^[0-9a-f]{40}$/.test(ref) ? ref.slice(0, 7) : ref;
  return `git ${label}`.slice(0, 200);
}
