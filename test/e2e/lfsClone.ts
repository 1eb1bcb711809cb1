// What the LFS E2E tests (in the extension host and through the UI) build their repositories with: real
// git and git-lfs, no vscode.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, stdio: 'ignore' });

/**
 * A project of `files` (paths relative to it; `attributes` is its .gitattributes) committed and pushed
 * to a bare `origin.git` in `dir`, then cloned to `into` without LFS content (GIT_LFS_SKIP_SMUDGE=1), as
 * a quick clone of a big film project is made: the LFS files there are pointers.
 */
export function clonedWithoutLfsContent(dir: string, attributes: string, files: Record<string, string | Buffer>, into: string): void {
  const work = path.join(dir, 'work');
  fs.mkdirSync(work, { recursive: true });
  git(dir, 'init', '-q', '--bare', '-b', 'main', 'origin.git');
  git(work, 'init', '-q', '-b', 'main');
  git(work, 'config', 'user.name', 'E2E');
  git(work, 'config', 'user.email', 'e2e@example.com');
  git(work, 'lfs', 'install', '--local');
  fs.writeFileSync(path.join(work, '.gitattributes'), attributes);
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(work, rel)), { recursive: true });
    fs.writeFileSync(path.join(work, rel), content);
  }
  git(work, 'add', '.');
  git(work, 'commit', '-qm', 'the project, its LFS files included');
  // git-lfs finds its endpoint from a named remote (a bare path given to push has none).
  git(work, 'remote', 'add', 'origin', path.join(dir, 'origin.git'));
  git(work, 'push', '-q', 'origin', 'main');
  execFileSync('git', ['clone', '-q', path.join(dir, 'origin.git'), into], { env: { ...process.env, GIT_LFS_SKIP_SMUDGE: '1' }, stdio: 'ignore' });
}
