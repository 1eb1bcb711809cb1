import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * Git learns to merge and diff canvases through drivers (gitattributes(5)): `.gitattributes` names
 * them for *.bmad, the repository's config says what program they run. That program is the `bmad`
 * CLI named by absolute path (a launcher), because git runs drivers from a shell that may not have
 * `bmad` on PATH: the extension passes its own node and dist/cli.js, the CLI passes itself.
 */

export const BMAD_ATTRIBUTES = '*.bmad merge=bmad diff=bmad';

/** The program and leading arguments that start the `bmad` CLI, e.g. [node, /…/dist/cli.js]. */
export interface BmadLauncher {
  readonly argv: readonly string[];
  /** argv is one shell command line already (a person's `--command`), written as it is. */
  readonly raw?: boolean;
}

/** This process as a launcher: the node running it and the CLI script it was started with. */
export function currentCliLauncher(): BmadLauncher {
  const script = process.argv[1];
  if (!script) throw new Error('cannot tell which script is running: no process.argv[1]');
  return { argv: [process.execPath, path.resolve(script)] };
}

/** POSIX shell quoting: git runs driver commands with `sh -c` (Git for Windows too). */
const quote = (word: string): string => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`);

export const shellCommand = (launcher: BmadLauncher, ...args: string[]): string =>
  [...(launcher.raw ? launcher.argv : launcher.argv.map(quote)), ...args].join(' ');

/** The repository config that makes the attributes work, as `git config` keys and values. */
export function driverConfig(launcher: BmadLauncher): [string, string][] {
  return [
    ['merge.bmad.name', 'BMAD canvas: three-way merge per node, edge and param'],
    ['merge.bmad.driver', shellCommand(launcher, 'merge', '%O', '%A', '%B', '%P')],
    // `git diff`: the semantic summary and param changes; git appends path, old and new file, hashes, modes.
    ['diff.bmad.command', shellCommand(launcher, 'diff', '--git')],
    // `git log -p`, `git show`: each version as a readable listing, diffed line by line.
    ['diff.bmad.textconv', shellCommand(launcher, 'show')],
  ];
}

/** Adds the *.bmad line to `.gitattributes` unless it is there; returns whether it wrote. */
export async function addBmadAttributes(root: string): Promise<boolean> {
  const file = path.join(root, '.gitattributes');
  const current = await fs.readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return '';
    throw e;
  });
  if (current.split(/\r?\n/).some((l) => l.trim() === BMAD_ATTRIBUTES)) return false;
  const sep = current === '' || current.endsWith('\n') ? '' : '\n';
  await fs.writeFile(file, `${current}${sep}${BMAD_ATTRIBUTES}\n`);
  return true;
}

export interface Installed {
  readonly root: string;
  readonly attributesWritten: boolean;
  readonly config: [string, string][];
}

/** Installs the drivers in the repository containing `dir` (its root's .gitattributes, its local config). */
export async function installGitDrivers(dir: string, launcher: BmadLauncher): Promise<Installed> {
  // Plain git, not simple-git: simple-git refuses to set merge drivers at all (rightly, for values it
  // did not write); these are ours, set as separate arguments with no shell in between.
  const git = (...args: string[]) => run('git', args, { cwd: dir });
  const root = (await git('rev-parse', '--show-toplevel')).stdout.trim();
  const attributesWritten = await addBmadAttributes(root);
  const config = driverConfig(launcher);
  for (const [key, value] of config) await git('config', '--local', key, value);
  return { root, attributesWritten, config };
}

const run = promisify(execFile);
