import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { z } from 'zod';
import { readLfsPointer, repoRelative } from './lfsPull';

/** Large files that git stores as ordinary blobs because no LFS pattern covers them; LFS files never pulled. */

const run = promisify(execFile);

/** Never scanned: git's own store, dependencies, and the render cache (never committed). */
const SKIPPED_FOLDERS = new Set(['.git', 'node_modules', '.bmad-cache']);

export interface LargeFile {
  /** Relative to the repository root, with `/`. */
  readonly path: string;
  readonly size: number;
}

async function largeFilesUnder(root: string, minBytes: number): Promise<LargeFile[]> {
  const found: LargeFile[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await fs.promises.readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const abs = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) await walk(abs);
      } else if (entry.isFile()) {
        const stat = await fs.promises.stat(abs).catch(() => undefined);
        if (stat && stat.size > minBytes) found.push({ path: repoRelative(root, abs), size: stat.size });
      }
    }
  };
  await walk(root);
  return found;
}

/** Each path's `filter` attribute, asked of git in one call (`check-attr -z --stdin`). */
async function filterAttributes(root: string, paths: readonly string[]): Promise<Map<string, string>> {
  const child = execFile('git', ['check-attr', '-z', '--stdin', 'filter'], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
  const out = new Promise<string>((resolve, reject) => {
    let text = '';
    child.stdout?.on('data', (chunk: Buffer | string) => (text += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(text) : reject(new Error(`git check-attr exited ${code}`))));
  });
  child.stdin?.end(paths.map((p) => `${p}\0`).join(''));
  // -z output: path NUL attribute NUL value NUL, per path.
  const fields = (await out).split('\0');
  const attrs = new Map<string, string>();
  for (let i = 0; i + 2 < fields.length; i += 3) attrs.set(fields[i] ?? '', fields[i + 2] ?? '');
  return attrs;
}

/** Files in the repository at `root` over `minBytes` whose `filter` attribute is not `lfs`, by path. */
export async function largeFilesOutsideLfs(root: string, minBytes: number): Promise<LargeFile[]> {
  const large = await largeFilesUnder(root, minBytes);
  if (!large.length) return [];
  const attrs = await filterAttributes(root, large.map((f) => f.path));
  return large.filter((f) => attrs.get(f.path) !== 'lfs').sort((a, b) => (a.path < b.path ? -1 : 1));
}

/** The pattern that tracks a file: its extension (`*.mov`), or the path itself when it has none. */
export function lfsPatternFor(relPath: string): string {
  const ext = path.posix.extname(relPath);
  return ext ? `*${ext}` : relPath;
}

/** `git lfs track <pattern>`: git-lfs writes the line into .gitattributes at the root. */
export async function trackWithLfs(root: string, pattern: string): Promise<void> {
  await run('git', ['lfs', 'track', '--', pattern], { cwd: root });
}

const LsFiles = z.object({ files: z.array(z.object({ name: z.string(), size: z.number(), checkout: z.boolean() })).nullable() });

/**
 * Files of the checkout at `root` that are still Git LFS pointers (cloned without their content, or
 * with GIT_LFS_SKIP_SMUDGE), by path, with the size of the content they stand for. git-lfs says which
 * ones it did not check out; the file on disk decides, so a deleted or replaced file is not listed.
 */
export async function lfsPointersInCheckout(root: string): Promise<LargeFile[]> {
  const { stdout } = await run('git', ['lfs', 'ls-files', '--json'], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
  const listed = LsFiles.parse(JSON.parse(stdout)).files ?? [];
  const found: LargeFile[] = [];
  for (const f of listed.filter((l) => !l.checkout)) {
    const pointer = await readLfsPointer(path.join(root, ...f.name.split('/'))).catch(() => undefined);
    if (pointer) found.push({ path: f.name, size: pointer.size });
  }
  return found.sort((a, b) => (a.path < b.path ? -1 : 1));
}
