import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleDir, previewBundle, REPO, runBmad, type Run } from '../../unit/runner/bundles';
import { smallFilmProject } from './smallFilm';

/**
 * Integration harness: the real `bmad` executable and the real preview pipelines, both bundled from
 * the current sources for this test process (as dist/ would hold them), with the real ffmpeg/ffprobe
 * and eSpeak from npm. Nothing here is a stand-in.
 */

export async function previewEnv(): Promise<NodeJS.ProcessEnv> {
  return { BMAD_PREVIEW: await previewBundle() };
}

export async function bmad(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return runBmad(args, cwd, { ...(await previewEnv()), ...env });
}

/** Starts the CLI and returns the child, for tests that kill it. */
export async function spawnBmad(args: readonly string[], cwd: string): Promise<ChildProcess> {
  return spawn(process.execPath, [path.join(await bundleDir(), 'cli.js'), ...args], { cwd, env: { ...process.env, ...(await previewEnv()) }, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The example film copied to a temp folder, or the small film when examples/ has none yet. */
export async function filmProject(): Promise<{ dir: string; example: boolean }> {
  const examples = path.join(REPO, 'examples');
  const found = fs.existsSync(examples) ? fs.readdirSync(examples).find((d) => fs.existsSync(path.join(examples, d, 'project.json'))) : undefined;
  if (!found) return { dir: await smallFilmProject(3), example: false };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bmad-example-'));
  fs.cpSync(path.join(examples, found), dir, { recursive: true, filter: (src) => !/[\\/](\.bmad-cache|03_Renders|\.git)([\\/]|$)/.test(src.slice(examples.length)) });
  fs.rmSync(path.join(dir, 'render.lock'), { force: true });
  return { dir, example: true };
}

export function jsonLines(stdout: string): Record<string, any>[] {
  return stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, any>);
}

/** Node ids of jobs that ran a pipeline, from `--json` output. */
export function ranNodes(stdout: string): string[] {
  return jsonLines(stdout)
    .filter((e) => e.type === 'done')
    .map((e) => e.node as string)
    .sort();
}

/** sha256 of every file under a folder, by relative path. */
export function hashTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    const file = path.join(e.parentPath, e.name);
    out.set(path.relative(dir, file), createHash('sha256').update(fs.readFileSync(file)).digest('hex'));
  }
  return out;
}

export function ffprobe(file: string): { streams: Record<string, any>[]; format: Record<string, any> } {
  const bin = (require('ffprobe-static') as { path: string }).path;
  const { execFileSync } = require('node:child_process') as typeof import('node:child_process');
  return JSON.parse(execFileSync(bin, ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file], { encoding: 'utf8' }));
}

export function editCanvas(dir: string, canvas: string, edit: (doc: any) => void): void {
  const file = path.join(dir, canvas);
  const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  edit(doc);
  fs.writeFileSync(file, JSON.stringify(doc, null, 2) + '\n');
}

/**
 * Registers mocha hooks that delete the given temporary projects after the suite, unless a test
 * failed (then they stay, for a look at renders, the journal and logs).
 */
export function removeAfterSuccess(ctx: Mocha.Suite, dirs: () => readonly string[]): void {
  let failed = false;
  ctx.afterEach(function () {
    if (this.currentTest?.state === 'failed') failed = true;
  });
  ctx.afterAll(() => {
    if (failed) return console.log(`    (kept for inspection: ${dirs().join(', ')})`);
    for (const d of dirs()) fs.rmSync(d, { recursive: true, force: true });
  });
}
