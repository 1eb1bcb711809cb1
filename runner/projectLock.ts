import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { tempNameFor } from './fsAtomic';
import { processAlive, processStart } from './processInfo';

/**
 * One render at a time per project (the CLI and the extension may both try): `.bmad-cache/render.pid`,
 * which names the holding process. A lock whose process is gone (a render killed with SIGKILL) is
 * taken over at once — no waiting for a timeout — and the takeover is a compare-and-swap: each lock
 * instance carries a random token, and only the process that exclusively creates the marker named for
 * that very instance may remove it. So of any number of processes that find the same stale lock,
 * exactly one ends up holding it; the others are told who holds it.
 *
 * Every step is an exclusive create (a hard link of a finished temporary file, so the lock appears
 * with its content or not at all), never a check followed by a blind delete: that gap is how two
 * processes came to hold the lock before. proper-lockfile has the same gap (it stats a stale lock
 * directory, then rmdirs whatever is there by then) and judges staleness by an mtime heartbeat, which
 * makes a killed render block the next one for its whole stale period.
 */

export class ProjectBusy extends Error {}

const LOCK_NAME = 'render.pid';
/** A takeover can itself be interrupted by a kill; each level of that is a marker with its own lock. */
const MAX_DEPTH = 4;
const MAX_ROUNDS = 8;

/** Lock files this process holds, and the exact content it wrote to each. */
const held = new Map<string, string>();
let exitHookInstalled = false;

interface Holder {
  readonly pid: number;
  readonly start?: string;
}

/** `<pid>\n<token>\n[start]\n`; a file another version wrote may hold only a pid. */
function holderOf(content: string): Holder | undefined {
  const [pid, , start] = content.split('\n');
  const n = Number(pid);
  return Number.isInteger(n) && n > 0 ? { pid: n, start: start || undefined } : undefined;
}

function isLive(h: Holder | undefined, file: string, content: string): boolean {
  if (!h) return false;
  // Our own pid holds it only when this process really took it; otherwise it is a dead process's lock
  // whose pid happens to be ours now.
  if (h.pid === process.pid) return held.get(file) === content;
  if (!processAlive(h.pid)) return false;
  // A recorded start time that differs means the pid was reused by an unrelated process.
  const start = h.start === undefined ? undefined : processStart(h.pid);
  return start === undefined || start === h.start;
}

function lockContent(): string {
  return `${process.pid}\n${randomBytes(12).toString('hex')}\n${processStart(process.pid) ?? ''}\n`;
}

function read(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/** Creates `file` holding `content`, atomically and only if it does not exist. */
function createExclusive(file: string, content: string): boolean {
  const temp = tempNameFor(file);
  fs.writeFileSync(temp, content, { flag: 'wx' });
  try {
    fs.linkSync(temp, file);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

function busy(pid: number): ProjectBusy {
  return new ProjectBusy(`another render is running in this project (pid ${pid}); wait for it or stop it`);
}

/** Makes `file` hold `content`, taking it over from a dead holder if need be; ProjectBusy if a live one has it. */
function claim(file: string, content: string, depth: number): void {
  for (let round = 0; round < MAX_ROUNDS; round++) {
    if (createExclusive(file, content)) return;
    const current = read(file);
    if (current === undefined) continue; // released meanwhile
    const holder = holderOf(current);
    if (isLive(holder, file, current)) throw busy(holder!.pid);
    if (depth >= MAX_DEPTH) break;
    // Only the process that owns the marker named for this instance may remove it. Once removed, the
    // instance never comes back (its token was random), so a late marker owner finds it gone.
    const marker = `${file}.takeover-${createHash('sha256').update(current).digest('hex').slice(0, 16)}`;
    claim(marker, content, depth + 1);
    try {
      if (read(file) === current) fs.rmSync(file, { force: true });
    } finally {
      fs.rmSync(marker, { force: true });
    }
  }
  throw new ProjectBusy(`could not take the render lock ${file}: it keeps changing hands; try again`);
}

function removeIfOurs(file: string): void {
  const mine = held.get(file);
  held.delete(file);
  // Nobody else removes a lock whose holder is alive, so what reads as ours here is ours to remove.
  if (mine !== undefined && read(file) === mine) fs.rmSync(file, { force: true });
}

/** Takes the project's render lock or throws ProjectBusy; the returned function releases it (once). */
export function acquireProjectLock(cacheDir: string): () => void {
  fs.mkdirSync(cacheDir, { recursive: true });
  const file = path.join(cacheDir, LOCK_NAME);
  const content = lockContent();
  claim(file, content, 0);
  held.set(file, content);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    // process.exit() (a second Ctrl+C, an uncaught error) skips `finally` blocks: release on the way out.
    process.on('exit', () => {
      for (const f of [...held.keys()]) removeIfOurs(f);
    });
  }
  return () => {
    if (held.get(file) === content) removeIfOurs(file);
  };
}
