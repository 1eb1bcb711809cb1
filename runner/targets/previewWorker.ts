import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import readline from 'node:readline';
import { ProgressLine } from '../../core/contract';
import { parseFromWorker, type ToWorker } from '../../core/workerProtocol';

/**
 * One long-lived preview worker (`<command> --worker`, core/workerProtocol.ts) in its own process
 * group, running one job at a time. Cancel asks the worker to stop the job (its ffmpeg and speech
 * children get SIGTERM) and SIGKILLs the whole group if it has not answered after the grace period.
 * The worker's stderr and anything on stdout that is not a message go to the running job's log.
 * Idle, it does not keep the engine's process alive.
 */

export type WorkerRun =
  /** The worker ended the job (cancelled or not) and can run another; `code`: what `preview.js <jobDir>` exits with. */
  | { readonly kind: 'done'; readonly code: number }
  /** The worker died while the job ran: a crash, or killed because it did not stop when cancelled. */
  | { readonly kind: 'died'; readonly code: number | null; readonly signal: NodeJS.Signals | null; readonly ready: boolean }
  /** The program could not be started at all. */
  | { readonly kind: 'failed'; readonly message: string };

interface Current {
  readonly id: number;
  readonly onProgress: (line: ProgressLine) => void;
  readonly finish: (r: WorkerRun) => void;
  killTimer?: NodeJS.Timeout;
}

export class PreviewWorker {
  private readonly child: ChildProcess;
  private job: Current | undefined;
  /** Where stray output goes: the running job's log, else the last one's (late stderr is that job's). */
  private logFile: string | undefined;
  private ready = false;
  private ended = false;
  private startError: Error | undefined;
  private nextId = 0;

  constructor(cmd: string, args: readonly string[], private readonly graceMs: number) {
    this.child = spawn(cmd, [...args, '--worker'], { detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
    readline.createInterface({ input: this.child.stdout! }).on('line', (l) => this.onLine(l));
    this.child.stderr!.on('data', (d: Buffer) => this.toLog(d.toString('utf8')));
    // A worker that died makes writes to its stdin fail; the 'close' below reports that.
    this.child.stdin!.on('error', () => {});
    this.child.on('error', (e) => (this.startError = e));
    this.child.on('close', (code, signal) => this.onClose(code, signal));
    this.hold(false);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Alive and running nothing. */
  get idle(): boolean {
    return !this.ended && !this.job;
  }

  run(dir: string, logFile: string, signal: AbortSignal, onProgress: (line: ProgressLine) => void): Promise<WorkerRun> {
    if (this.job) throw new Error('a preview worker runs one job at a time');
    if (this.ended) {
      return Promise.resolve({ kind: 'died', code: this.child.exitCode, signal: this.child.signalCode, ready: this.ready });
    }
    this.logFile = logFile;
    return new Promise((resolve) => {
      const id = this.nextId++;
      const onAbort = () => this.cancel();
      const finish = (r: WorkerRun) => {
        signal.removeEventListener('abort', onAbort);
        clearTimeout(current.killTimer);
        this.job = undefined;
        this.hold(false);
        resolve(r);
      };
      const current: Current = { id, onProgress, finish };
      this.job = current;
      this.hold(true);
      signal.addEventListener('abort', onAbort, { once: true });
      this.send({ type: 'run', id, dir });
    });
  }

  /** Ends an idle worker: it exits when its stdin closes. */
  close(): void {
    if (!this.ended) this.child.stdin!.end();
  }

  /** SIGKILL to the worker's whole group: the worker and any ffmpeg or speech child it left. */
  kill(): void {
    try {
      process.kill(-this.child.pid!, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }

  private cancel(): void {
    const job = this.job;
    if (!job) return;
    this.send({ type: 'cancel', id: job.id });
    // One that does not stop (a hung pipeline, a blocked event loop) goes with its group.
    job.killTimer = setTimeout(() => this.kill(), this.graceMs);
  }

  private send(m: ToWorker): void {
    if (!this.ended) this.child.stdin!.write(JSON.stringify(m) + '\n');
  }

  private onLine(text: string): void {
    const m = parseFromWorker(text);
    if (!m) return this.toLog(`[stdout, not a worker message] ${text}\n`);
    if (m.type === 'ready') {
      this.ready = true;
      return;
    }
    const job = this.job;
    if (job?.id !== m.id) return this.toLog(`[stdout, for job ${m.id}, which is not running] ${text}\n`);
    if (m.type === 'done') {
      // The worker wrote its stderr before this line, but the two pipes are read in whatever order the
      // poll returns them: finish after this poll phase, so the log holds what it said first.
      setImmediate(() => job.finish({ kind: 'done', code: m.code }));
      return;
    }
    const line = ProgressLine.safeParse(m.line);
    if (line.success) job.onProgress(line.data);
    else this.toLog(`[stdout, not a progress line] ${JSON.stringify(m.line)}\n`);
  }

  private onClose(code: number | null, signal: NodeJS.Signals | null): void {
    this.ended = true;
    // Anything left in the group (an ffmpeg the worker started) goes with it.
    this.kill();
    const job = this.job;
    if (!job) return;
    if (this.startError) job.finish({ kind: 'failed', message: this.startError.message });
    else job.finish({ kind: 'died', code, signal, ready: this.ready });
  }

  private toLog(text: string): void {
    if (!this.logFile) return;
    try {
      fs.appendFileSync(this.logFile, text);
    } catch {
      /* the job's folder of logs is gone: nothing to keep it in */
    }
  }

  /** While a job runs the worker keeps the engine's process alive; idle, it must not. */
  private hold(on: boolean): void {
    type Handle = { ref?: () => void; unref?: () => void };
    const handles: Handle[] = [this.child, this.child.stdin as Handle, this.child.stdout as Handle, this.child.stderr as Handle];
    for (const h of handles) (on ? h.ref : h.unref)?.call(h);
  }
}
