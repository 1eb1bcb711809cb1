import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Docker from 'dockerode';

/**
 * A real Docker daemon for the tests (../shared/RECIPES.md): its own data, exec root, pid file and
 * unix socket under a temporary folder, no iptables, no bridge (jobs run without a network anyway).
 * Started on first use, once per mocha run, and stopped by its pid after the last test (a root-level
 * `after` hook, registered when this module loads) or, if mocha itself dies, by the kernel
 * (setpriv --pdeathsig).
 */

export interface Dockerd {
  readonly socket: string;
  readonly docker: Docker;
  readonly dir: string;
  readonly pid: number;
}

export interface DockerdOptions {
  /** Extra daemon flags, e.g. `--add-runtime nvidia=…` for a daemon that looks as if it had GPUs. */
  readonly flags?: readonly string[];
}

interface Entry {
  daemon?: Promise<Dockerd>;
  child?: ChildProcess;
}
const running = new Map<string, Entry>();

/** The shared daemon of this mocha run (or one with other flags, shared by everyone who asks for them). */
export function dockerd(o: DockerdOptions = {}): Promise<Dockerd> {
  const key = JSON.stringify(o.flags ?? []);
  let entry = running.get(key);
  if (!entry) {
    const e: Entry = {};
    e.daemon = start(o.flags ?? [], (child) => (e.child = child));
    running.set(key, (entry = e));
  }
  return entry.daemon!;
}

async function start(flags: readonly string[], onChild: (c: ChildProcess) => void): Promise<Dockerd> {
  const bin = spawnSync('sh', ['-c', 'command -v dockerd'], { encoding: 'utf8' }).stdout.trim();
  if (!bin) throw new Error('dockerd is not installed: run `bash scripts/setup.sh` (Debian package docker.io)');
  // A short path: a unix socket's path must stay under 108 bytes.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bmad-dockerd-'));
  const socket = path.join(dir, 'docker.sock');
  const log = fs.openSync(path.join(dir, 'dockerd.log'), 'w');
  const child = spawn(
    'setpriv',
    ['--pdeathsig', 'SIGTERM', '--', bin, '--iptables=false', '--ip6tables=false', '--bridge=none', '--storage-driver=overlay2',
      `--data-root=${dir}/data`, `--exec-root=${dir}/exec`, `--pidfile=${dir}/dockerd.pid`, `--host=unix://${socket}`, ...flags],
    { stdio: ['ignore', log, log] },
  );
  fs.closeSync(log);
  onChild(child);
  const docker = new Docker({ socketPath: socket });
  const exited = new Promise<never>((_, reject) => {
    child.once('error', (e) => reject(new Error(`could not start dockerd through setpriv (util-linux): ${e.message}`)));
    child.once('exit', (code) => reject(new Error(`dockerd exited (code ${code}) before it answered: ${tail(dir)}`)));
  });
  await Promise.race([exited, ping(docker, dir)]);
  return { socket, docker, dir, pid: child.pid! };
}

async function ping(docker: Docker, dir: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      await docker.ping();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`dockerd did not answer in 30 s: ${tail(dir)}`);
}

const tail = (dir: string): string => {
  try {
    return fs.readFileSync(path.join(dir, 'dockerd.log'), 'utf8').trim().split('\n').slice(-5).join(' | ');
  } catch {
    return '(no log)';
  }
};

/** Stops every daemon this run started, by pid, and removes its folder once it has exited. */
export async function stopDockerds(): Promise<void> {
  for (const [key, entry] of running) {
    running.delete(key);
    const d = await entry.daemon?.catch(() => undefined);
    const child = entry.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await gone;
    }
    if (d) removeDaemonDir(d.dir);
  }
}

/** Unmounts what a daemon left mounted below its folder (none after a clean stop), then removes it. */
function removeDaemonDir(dir: string): void {
  const mounts = fs
    .readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map((l) => l.split(' ')[4])
    .filter((m): m is string => !!m && m.startsWith(dir + '/'))
    .sort((a, b) => b.length - a.length);
  for (const m of mounts) spawnSync('umount', ['-l', m]);
  fs.rmSync(dir, { recursive: true, force: true });
}

// Root-level hook: mocha runs it once, after every test file, when any of them imported this module.
if (typeof after === 'function') after(stopDockerds);
