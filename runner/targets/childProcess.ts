import { spawn } from 'node:child_process';
import fs from 'node:fs';
import readline from 'node:readline';
import { ProgressLine } from '../../core/contract';

/**
 * Runs a pipeline program as a child in its own process group, streaming its JSON-line progress.
 * Cancel sends SIGTERM to the whole group (the pipeline and its ffmpeg), then SIGKILL after a grace
 * period. A guard preloaded into node children kills the group if the engine itself dies (SIGKILL
 * gives us no chance to clean up), so a killed render never leaves pipelines writing behind it.
 */

const GUARD = `const p=process.ppid;setInterval(()=>{if(process.ppid!==p){try{process.kill(-process.pid,"SIGKILL")}catch{}process.exit(137)}},100).unref();`;
/** `node --import <this>` makes a node child exit with its group when its parent goes away. */
export const ORPHAN_GUARD = 'data:text/javascript,' + encodeURIComponent(GUARD);

export interface ChildRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** True when we stopped it because `signal` was aborted. */
  readonly cancelled: boolean;
}

export interface ChildOptions {
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly logFile: string;
  readonly signal: AbortSignal;
  readonly graceMs: number;
  readonly onProgress: (line: ProgressLine) => void;
}

export function runChild(cmd: string, args: readonly string[], o: ChildOptions): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    if (o.signal.aborted) return resolve({ code: null, signal: null, cancelled: true });
    const log = fs.openSync(o.logFile, 'a');
    const child = spawn(cmd, args, { cwd: o.cwd, env: o.env ?? process.env, detached: true, stdio: ['ignore', 'pipe', log] });
    let cancelled = false;
    let killTimer: NodeJS.Timeout | undefined;
    const group = (sig: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, sig);
      } catch {
        /* already gone */
      }
    };
    const onAbort = () => {
      cancelled = true;
      group('SIGTERM');
      killTimer = setTimeout(() => group('SIGKILL'), o.graceMs);
    };
    o.signal.addEventListener('abort', onAbort, { once: true });
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      const parsed = parseLine(line);
      if (parsed) o.onProgress(parsed);
      else fs.writeSync(log, `[stdout, not a progress line] ${line}\n`);
    });
    child.on('error', (e) => {
      o.signal.removeEventListener('abort', onAbort);
      fs.closeSync(log);
      reject(e);
    });
    child.on('close', (code, signal) => {
      o.signal.removeEventListener('abort', onAbort);
      if (killTimer) clearTimeout(killTimer);
      // Anything left in the group (a stray ffmpeg) goes with its pipeline.
      group('SIGKILL');
      fs.closeSync(log);
      resolve({ code, signal, cancelled });
    });
  });
}

/** A progress line, or undefined for anything else (logged, never fatal). */
export function parseLine(line: string): ProgressLine | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const r = ProgressLine.safeParse(JSON.parse(line));
    return r.success ? r.data : undefined;
  } catch {
    return undefined;
  }
}
