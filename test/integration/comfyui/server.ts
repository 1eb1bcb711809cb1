import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * The real ComfyUI server (CPU, no weights) for the ComfyUI target's tests, from
 * ../shared/vendor/comfyui next to the repository: installed once into ~/.cache/bmad-test/comfyui
 * by its setup.sh (idempotent), started once per mocha run on a free port with its own base folder
 * (models, input, output) under a temporary folder, and stopped by pid when the run ends.
 */

/**
 * The repository: the folder above with this project's package.json. Looked up rather than counted
 * from here, because the E2E UI tests use this module from an ESM bundle in dist/ (no __dirname there).
 */
function repoRoot(): string {
  let dir = typeof __dirname === 'string' ? __dirname : process.cwd();
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { name?: string }).name === 'bmad-movie-director') return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error('the ComfyUI tests run inside the bmad-movie-director repository');
    dir = up;
  }
}
const REPO = repoRoot();
const VENDOR = path.resolve(REPO, '../shared/vendor/comfyui');
const INSTALL = path.join(os.homedir(), '.cache/bmad-test/comfyui');

export interface ComfyServer {
  readonly url: string;
  readonly port: number;
  /** ComfyUI's base folder: models/, input/, output/. */
  readonly base: string;
  readonly logFile: string;
}

function install(): void {
  if (!fs.existsSync(path.join(VENDOR, 'setup.sh'))) {
    throw new Error(`the ComfyUI tests need ${VENDOR}/setup.sh (../shared/vendor/comfyui next to the repository), which is missing`);
  }
  const r = spawnSync('sh', [path.join(VENDOR, 'setup.sh'), INSTALL], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ComfyUI setup failed (exit ${r.status}): ${(r.stderr || r.stdout).slice(-2000)}`);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

async function waitUp(url: string, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`ComfyUI exited (${child.exitCode}) while starting: ${fs.readFileSync(logFile, 'utf8').slice(-1500)}`);
    try {
      if ((await fetch(`${url}/system_stats`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`ComfyUI did not answer ${url}/system_stats within 120 s: ${fs.readFileSync(logFile, 'utf8').slice(-1500)}`);
}

let started: Promise<ComfyServer> | undefined;
let child: ChildProcess | undefined;
let dir: string | undefined;

async function start(): Promise<ComfyServer> {
  install();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bmad-comfyui-'));
  const base = path.join(dir, 'base');
  for (const sub of ['custom_nodes', 'models', 'input', 'output']) fs.mkdirSync(path.join(base, sub), { recursive: true });
  const port = await freePort();
  const logFile = path.join(dir, 'comfyui.log');
  const out = fs.openSync(logFile, 'a');
  const args = ['main.py', '--cpu', '--listen', '127.0.0.1', '--port', String(port), '--front-end-root', path.join(INSTALL, 'emptyweb'),
    '--base-directory', base, '--disable-all-custom-nodes', '--disable-api-nodes', '--disable-auto-launch'];
  child = spawn(path.join(INSTALL, 'venv/bin/python'), args, { cwd: path.join(INSTALL, 'src'), stdio: ['ignore', out, out] });
  fs.closeSync(out);
  const url = `http://127.0.0.1:${port}`;
  await waitUp(url, child, logFile);
  return { url, port, base, logFile };
}

/** The run's ComfyUI server, started on first use. */
export function comfyServer(): Promise<ComfyServer> {
  started ??= start();
  return started;
}

/** Stops the server by its pid (SIGTERM, then SIGKILL) and removes its folder. */
export async function stopComfyServer(): Promise<void> {
  const c = child;
  child = undefined;
  started = undefined;
  if (c && c.exitCode === null) {
    const exited = new Promise((r) => c.once('exit', r));
    c.kill('SIGTERM');
    const timer = setTimeout(() => c.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = undefined;
}

// Once per mocha run, whichever test file used the server; and never left behind if mocha is killed.
if (typeof after === 'function') after(stopComfyServer);
process.on('exit', () => child?.kill('SIGKILL'));

/** Empty files standing in for weights, so ComfyUI's validation lists them (no model can load them). */
export function placeholderModels(server: ComfyServer, paths: readonly string[]): void {
  for (const p of paths) {
    const file = path.join(server.base, 'models', p);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '');
  }
}

/** Deletes the model files, keeping the folders as a ComfyUI install has them. */
export function removeModels(server: ComfyServer): void {
  const models = path.join(server.base, 'models');
  for (const e of fs.readdirSync(models, { recursive: true, withFileTypes: true })) if (e.isFile()) fs.rmSync(path.join(e.parentPath, e.name));
}
