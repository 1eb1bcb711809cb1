import path from 'node:path';
import { simpleGit } from 'simple-git';

/**
 * Which of two versions of a file in git is the older one, as VS Code's git extension names them in
 * a `git:` URI: `""` or `"~"` for the index, anything else a revision (a hash, `HEAD`, `abc^`).
 *
 * A revision is older than the index (the index is staged on top of a commit). Of two revisions, an
 * ancestor is older than its descendant: the git extension's own diffs (Open Changes in the Timeline:
 * a commit's parent ↔ the commit; a staged change: HEAD ↔ index) always put the ancestor on the left.
 * Two revisions on diverged branches fall back to their committer dates.
 */
export type OlderOf = 'first' | 'second' | undefined;

const isIndex = (ref: string) => ref === '' || ref === '~';

export async function olderVersion(file: string, first: string, second: string): Promise<OlderOf> {
  if (isIndex(first) || isIndex(second)) {
    if (isIndex(first) === isIndex(second)) return undefined;
    return isIndex(first) ? 'second' : 'first';
  }
  const git = simpleGit({ baseDir: path.dirname(file) });
  // A revision git does not know (the parent of a first commit) reads as none: nothing to order.
  const commitOf = (ref: string) => git.revparse(['--verify', '--quiet', `${ref}^{commit}`]).then((h) => h.trim(), () => '');
  const [a, b] = await Promise.all([commitOf(first), commitOf(second)]);
  if (!a || !b || a === b) return undefined;
  // The merge base of an ancestor and its descendant is the ancestor itself.
  const base = (await git.raw(['merge-base', a, b])).trim();
  if (base === a) return 'first';
  if (base === b) return 'second';
  const dateOf = async (hash: string) => Number((await git.raw(['log', '-1', '--format=%ct', hash])).trim());
  const [ta, tb] = await Promise.all([dateOf(a), dateOf(b)]);
  if (ta === tb) return undefined;
  return ta < tb ? 'first' : 'second';
}
