import { execFile } from 'node:child_process';
import { simpleGit } from 'simple-git';
import { installGitDrivers, type BmadLauncher } from '../git/gitDrivers';

/** Git and Git LFS for a new project. No `vscode`: the CLI can use it as it is. */

export class ToolMissingError extends Error {}

function run(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { timeout: 15_000 }, (err, stdout) => (err ? reject(err) : resolve(stdout.trim())));
  });
}

const LFS_HELP =
  'Git LFS is not installed: a film project keeps its media in Git LFS. Install it (Debian/Ubuntu: ' +
  '`sudo apt install git-lfs`; macOS: `brew install git-lfs`; Windows: it ships with Git for Windows, ' +
  'or see https://git-lfs.com), run `git lfs install` once, then try again.';
const GIT_HELP = 'Git is not installed or not on PATH: install Git (https://git-scm.com/downloads), then try again.';

/** Checks both tools before anything is written; throws ToolMissingError with what to do. */
export async function checkGitTools(): Promise<{ git: string; lfs: string }> {
  const git = await run('git', ['--version']).catch(() => {
    throw new ToolMissingError(GIT_HELP);
  });
  const lfs = await run('git', ['lfs', 'version']).catch(() => {
    throw new ToolMissingError(LFS_HELP);
  });
  return { git, lfs };
}

/** Fallback identity, used only when the machine has none, so the first commit can be made. */
const FALLBACK_USER = { name: 'BMAD Movie Director', email: 'bmad@localhost' };

/**
 * `git init`, LFS hooks for this repository only, bmad's merge and diff drivers when a launcher says
 * how to run bmad, and a first commit of everything in the folder.
 */
export async function initProjectRepository(dir: string, name: string, launcher?: BmadLauncher): Promise<void> {
  const git = simpleGit({ baseDir: dir });
  await git.init();
  await git.raw(['lfs', 'install', '--local']);
  if (launcher) await installGitDrivers(dir, launcher);
  // Read after init so the repository's view (system + global + local) decides, not just --global.
  const [user, email] = await Promise.all([git.getConfig('user.name'), git.getConfig('user.email')]);
  if (!user.value) await git.addConfig('user.name', FALLBACK_USER.name);
  if (!email.value) await git.addConfig('user.email', FALLBACK_USER.email);
  await git.add('.');
  await git.commit(`New film project: ${name}`);
}
