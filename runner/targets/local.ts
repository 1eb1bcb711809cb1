import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { JobResult, JobSpec, ProgressLine } from '../../core/contract';
import { nodeName } from '../../core/nodeNames';
import { writeFileAtomic } from '../fsAtomic';
import { logTail, readResult } from './jobResult';
import { ORPHAN_GUARD } from './orphanGuard';
import { PreviewWorker } from './previewWorker';
import { internalError, type JobIo, type Target, type TargetReport } from './target';

/**
 * The embedded CPU preview backend: `node <dist>/preview.js --worker`, long-lived worker processes
 * that run one job at a time each (previewWorker.ts), as many as the target's concurrency. Separate
 * processes (not in the engine's) because a pipeline can crash, leak, or hang in ffmpeg, and because
 * the speech engine is GPL-3.0 and must stay a separate program from the extension. A job that kills
 * its worker fails alone; the next job gets a new worker.
 */

/** A program that runs one job as `<cmd> ...args <jobDir>`, or serves many as `<cmd> ...args --worker`. */
export interface PipelineCommand {
  readonly cmd: string;
  readonly args: readonly string[];
}

/**
 * Where the preview pipelines are: $BMAD_PREVIEW (a .js or .ts file), else preview.js next to this
 * bundle (dist/cli.js → dist/preview.js), else the repository's dist/preview.js, else the source run
 * with tsx (development from a checkout).
 */
export function findPreviewPipeline(env: NodeJS.ProcessEnv = process.env): PipelineCommand {
  const node = (file: string): PipelineCommand =>
    file.endsWith('.ts') ? { cmd: process.execPath, args: ['--import', ORPHAN_GUARD, '--import', tsxLoaderFor(file), file] } : { cmd: process.execPath, args: ['--import', ORPHAN_GUARD, file] };
  if (env.BMAD_PREVIEW) return node(path.resolve(env.BMAD_PREVIEW));
  const candidates = [...new Set([path.join(__dirname, 'preview.js'), path.resolve(__dirname, '../dist/preview.js'), path.resolve(__dirname, '../../dist/preview.js')])];
  const built = candidates.find((f) => fs.existsSync(f));
  if (built) return node(built);
  const source = path.resolve(__dirname, '../../pipelines/preview/main.ts');
  if (fs.existsSync(source)) return node(source);
  throw new Error(`the preview pipelines are not built: no ${candidates.join(' or ')} (run \`npm run build\`, or set BMAD_PREVIEW)`);
}

/**
 * tsx's loader from the node_modules above a .ts pipeline, by absolute URL: the job runs with its own
 * folder as cwd, where a bare `--import tsx` would not resolve.
 */
function tsxLoaderFor(file: string): string {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    const loader = path.join(dir, 'node_modules/tsx/dist/loader.mjs');
    if (fs.existsSync(loader)) return pathToFileURL(loader).href;
    if (path.dirname(dir) === dir) throw new Error(`cannot run ${file}: tsx is not installed in any node_modules above it`);
  }
}

export interface LocalTargetOptions {
  readonly command?: PipelineCommand;
  /** 1–2 on the embedded target: each job already keeps a core busy with ffmpeg or Skia. */
  readonly concurrency?: number;
  /** Time between asking a job to stop and SIGKILL to its worker's process group. */
  readonly graceMs?: number;
  /** An idle worker exits after this long; the next job starts a new one. */
  readonly idleMs?: number;
}

/** The embedded preview target's id (render.lock's backend for what it made); no configured target takes it. */
export const PREVIEW_TARGET_ID = 'local';

export class LocalTarget implements Target {
  readonly id = PREVIEW_TARGET_ID;
  readonly backend = 'preview' as const;
  readonly concurrency: number;
  private command: PipelineCommand | undefined;
  private readonly graceMs: number;
  private readonly idleMs: number;
  /** Workers waiting for a job; at most `concurrency` exist, because the scheduler runs no more jobs at once. */
  private readonly idle = new Map<PreviewWorker, NodeJS.Timeout>();

  constructor(o: LocalTargetOptions = {}) {
    // Found on first use: a render with nothing to run (or `status`) needs no pipeline at all.
    this.command = o.command;
    this.concurrency = o.concurrency ?? 2;
    this.graceMs = o.graceMs ?? 3000;
    this.idleMs = o.idleMs ?? 60_000;
  }

  async run(job: JobSpec, io: JobIo, signal: AbortSignal, onProgress: (line: ProgressLine) => void): Promise<JobResult> {
    const resultFile = path.join(io.dir, 'result.json');
    fs.rmSync(resultFile, { force: true });
    writeFileAtomic(path.join(io.dir, 'job.json'), JSON.stringify(job, null, 2) + '\n');
    const who = `job ${nodeName(job.node)}`;
    const cancelled: JobResult = { ok: false, error: { code: 'INTERRUPTED', message: `${who} was cancelled` } };
    if (signal.aborted) return cancelled;
    let worker: PreviewWorker;
    try {
      worker = this.take();
    } catch (e) {
      return internalError(`${who}: could not start the preview pipeline (${(e as Error).message})`);
    }
    const run = await worker.run(path.resolve(io.dir), io.logFile, signal, onProgress);
    if (run.kind === 'done') this.putBack(worker);
    else worker.kill();
    if (run.kind === 'failed') return internalError(`${who}: could not start the preview pipeline (${run.message})`);
    if (signal.aborted) return cancelled;
    if (run.kind === 'died') {
      const how = run.signal ?? `code ${run.code}`;
      const tail = logTail(io.logFile);
      const when = run.ready ? 'while running it' : 'before it was ready';
      return internalError(`${who}: the preview worker died (${how}) ${when}${tail ? `: ${tail}` : ''} (log: ${io.logFile})`);
    }
    return readResult(resultFile, run.code, io.logFile, who);
  }

  /** It runs the preview pipelines, on this machine's CPU: no GPU is asked for. */
  async probe(): Promise<TargetReport> {
    return { gpus: [], backends: ['preview'] };
  }

  /** Ends the idle workers now (a running job keeps its worker until it ends). */
  dispose(): void {
    for (const [w, timer] of this.idle) {
      clearTimeout(timer);
      w.close();
    }
    this.idle.clear();
  }

  private take(): PreviewWorker {
    for (const [w, timer] of this.idle) {
      this.idle.delete(w);
      clearTimeout(timer);
      if (w.idle) return w;
    }
    this.command ??= findPreviewPipeline();
    return new PreviewWorker(this.command.cmd, this.command.args, this.graceMs);
  }

  private putBack(w: PreviewWorker): void {
    const timer = setTimeout(() => {
      this.idle.delete(w);
      w.close();
    }, this.idleMs);
    timer.unref();
    this.idle.set(w, timer);
  }
}
