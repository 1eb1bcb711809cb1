import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { bundleAliases, bundleExternals } from '../../../scripts/bundleAliases.mjs';

/**
 * Tests run the real `bmad` executable: runner/cli.ts bundled the way esbuild.mjs bundles it
 * (node, cjs, shebang), into a private folder once per test process, so a stale or half-built dist/
 * from someone else's work never decides a test. (The folder is inside the repository so that the
 * packages a bundle leaves external resolve from node_modules.)
 */

export const REPO = path.resolve(__dirname, '../../..');
let outDir: Promise<string> | undefined;

/** A fresh folder for this test process's bundles; folders of test processes that are gone are removed. */
function freshDir(kind: string): string {
  const parent = path.join(REPO, 'node_modules/.cache', kind);
  fs.mkdirSync(parent, { recursive: true });
  for (const pid of fs.readdirSync(parent)) {
    if (!/^\d+$/.test(pid) || Number(pid) === process.pid) continue;
    try {
      process.kill(Number(pid), 0);
    } catch {
      fs.rmSync(path.join(parent, pid), { recursive: true, force: true });
    }
  }
  const dir = path.join(parent, String(process.pid));
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir);
  return dir;
}

export function bundleDir(): Promise<string> {
  return (outDir ??= (async () => {
    const dir = freshDir('bmad-cli');
    await esbuild.build({
      entryPoints: { cli: path.join(REPO, 'runner/cli.ts') },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      banner: { js: '#!/usr/bin/env node' },
      alias: bundleAliases,
      external: bundleExternals,
      outdir: dir,
      logLevel: 'error',
    });
    return dir;
  })());
}

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs `node <bundle>/cli.js …args` in `cwd` and collects its output. */
export async function runBmad(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  const cli = path.join(await bundleDir(), 'cli.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

let previewDir: Promise<string> | undefined;

/**
 * pipelines/preview bundled as esbuild.mjs bundles dist/preview.js (node, cjs; the same packages kept
 * external, because the native canvas and the packages that find binaries or fonts by __dirname must
 * stay in node_modules), with speak.mjs beside it. Built under node_modules/.cache so those resolve.
 */
export function previewBundle(): Promise<string> {
  return (previewDir ??= (async () => {
    const dir = freshDir('bmad-preview');
    await esbuild.build({
      entryPoints: { preview: path.join(REPO, 'pipelines/preview/main.ts') },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['@napi-rs/canvas', '@ffmpeg-installer/ffmpeg', 'ffprobe-static', '@fontsource/dejavu-sans'],
      alias: bundleAliases,
      outdir: dir,
      logLevel: 'error',
    });
    fs.copyFileSync(path.join(REPO, 'pipelines/preview/audio/speak.mjs'), path.join(dir, 'speak.mjs'));
    return dir;
  })()).then((dir) => path.join(dir, 'preview.js'));
}

let statusDir: Promise<string> | undefined;

/** extension/render/statusWorker.ts bundled as esbuild.mjs bundles dist/statusWorker.js, for StatusThread. */
export function statusWorkerBundle(): Promise<string> {
  return (statusDir ??= (async () => {
    const dir = freshDir('bmad-status');
    await esbuild.build({
      entryPoints: { statusWorker: path.join(REPO, 'extension/render/statusWorker.ts') },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      outdir: dir,
      logLevel: 'error',
      alias: bundleAliases,
    });
    return dir;
  })()).then((dir) => path.join(dir, 'statusWorker.js'));
}
