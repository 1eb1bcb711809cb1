import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { LFS_POINTER_PROBE_BYTES, parseLfsPointer, type LfsPointer } from '../../core/lfsPointer';

/** Git LFS pointers left in a checkout, and pulling their content. Plain Node: the extension and tests share it. */

const run = promisify(execFile);

/** The pointer a file on disk is, read from its first bytes only (a pulled video is never read whole). */
export async function readLfsPointer(file: string): Promise<LfsPointer | undefined> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const probe = Buffer.alloc(LFS_POINTER_PROBE_BYTES);
    const { bytesRead } = await handle.read(probe, 0, probe.length, 0);
    return parseLfsPointer(probe.subarray(0, bytesRead).toString('utf8'));
  } finally {
    await handle.close();
  }
}

/**
 * The same probe, synchronously: the planner resolves a canvas's asset files in one synchronous pass
 * (it hashes them there too), and a pointer must fail its node before any job is keyed on it.
 */
export function readLfsPointerSync(file: string): LfsPointer | undefined {
  const fd = fs.openSync(file, 'r');
  try {
    const probe = Buffer.alloc(LFS_POINTER_PROBE_BYTES);
    const bytesRead = fs.readSync(fd, probe, 0, probe.length, 0);
    return parseLfsPointer(probe.subarray(0, bytesRead).toString('utf8'));
  } finally {
    fs.closeSync(fd);
  }
}

/** Without blocking: the scans that ask run beside the editor's work, on every file event. */
export const pathExists = (file: string): Promise<boolean> => fs.promises.access(file).then(() => true, () => false);

export async function repositoryRoot(dir: string): Promise<string> {
  return (await run('git', ['rev-parse', '--show-toplevel'], { cwd: dir })).stdout.trim();
}

/**
 * The repositories a workspace folder holds: the one it is inside, else those in its direct
 * subfolders (a folder of film projects), as VS Code's git finds them (git.repositoryScanMaxDepth 1).
 */
export async function repositoriesIn(folder: string): Promise<string[]> {
  const own = await repositoryRoot(folder).catch(() => undefined);
  if (own) return [own];
  const entries = await fs.promises.readdir(folder, { withFileTypes: true }).catch(() => []);
  const dirs = entries.filter((e) => e.isDirectory()).map((e) => path.join(folder, e.name));
  const isRepository = await Promise.all(dirs.map((d) => pathExists(path.join(d, '.git'))));
  return dirs.filter((_, i) => isRepository[i]);
}

/** A path as git wants it in `--include` and attributes: relative to the repository root, with `/`. */
export function repoRelative(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}

export class LfsPullError extends Error {}

/**
 * `git lfs pull --include <file>` in the file's repository. `onOutput` gets git-lfs's progress lines
 * as they come; aborting kills the process, and the pull then rejects.
 */
export async function pullLfsFile(file: string, opts: { signal?: AbortSignal; onOutput?: (line: string) => void } = {}): Promise<void> {
  const root = await repositoryRoot(path.dirname(file));
  const child = spawn('git', ['lfs', 'pull', '--include', repoRelative(root, file)], { cwd: root, signal: opts.signal });
  let said = '';
  const hear = (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    said = (said + text).slice(-4000);
    // git-lfs redraws its progress with \r; each redraw is a line to the listener.
    for (const line of text.split(/[\r\n]+/)) if (line.trim()) opts.onOutput?.(line.trim());
  };
  child.stdout.on('data', hear);
  child.stderr.on('data', hear);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', (e) => reject(opts.signal?.aborted ? new LfsPullError('the pull was cancelled') : e));
    child.on('close', resolve);
  });
  if (opts.signal?.aborted) throw new LfsPullError('the pull was cancelled');
  if (code !== 0) throw new LfsPullError(`git lfs pull failed (exit ${code}): ${said.trim() || 'no output'}`);
  const still = await readLfsPointer(file);
  if (still) throw new LfsPullError(`git lfs pull finished but ${repoRelative(root, file)} is still a pointer (is the object on the remote?)`);
}
