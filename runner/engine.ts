import { randomBytes } from 'node:crypto';
import type { ErrorCode, ProgressLine } from '../core/contract';
import { nodeName } from '../core/nodeNames';
import { Cache } from './cache/cache';
import type { JobRecord } from './cache/records';
import { executeJob, JobFailure } from './execute';
import type { PlannedJob } from './plan/plan';
import { acquireProjectLock } from './projectLock';
import { Scheduler, TaskError, type Outcome, type Priority, type SchedulerEvent } from './scheduler';
import type { Placed } from './cache/journal';
import type { Router } from './targets/router';

/** The scheduler's target for a job no target can run: it fails when it would start, saying so. */
const NO_TARGET = '';

/**
 * Runs planned jobs against the cache: cached ones are not run, the rest go through one scheduler
 * shared by every run of this engine (so the extension's "Generate Node" overtakes a batch render in
 * progress instead of waiting for it), and every start and finish is journaled. Jobs are identified
 * by key: two nodes, canvases or runs that would render the same thing render it once.
 */

export type JobEvent =
  | { type: 'cached'; job: PlannedJob }
  | { type: 'start'; job: PlannedJob; attempt: number }
  | { type: 'progress'; job: PlannedJob; line: ProgressLine }
  | { type: 'retry'; job: PlannedJob; attempt: number; delayMs: number; code: ErrorCode; message: string }
  | { type: 'done'; job: PlannedJob; record: JobRecord }
  | { type: 'failed'; job: PlannedJob; code: ErrorCode; message: string }
  | { type: 'skipped'; job: PlannedJob; reason: string }
  | { type: 'cancelled'; job: PlannedJob };

export interface RunOptions {
  /** Cancels this run's jobs (a job another run also waits for keeps running for that one). */
  readonly signal: AbortSignal;
  readonly priority?: Priority;
  /** Run even when the cache has the result (keys in this set). */
  readonly force?: ReadonlySet<string>;
  readonly onEvent: (e: JobEvent) => void;
  /** For the journal's run line. */
  readonly label: { canvas: string; tier: string };
}

export interface RunResult {
  readonly records: Map<string, JobRecord>;
  readonly outcomes: Map<string, Outcome | { state: 'cached' }>;
  /** Jobs an earlier, killed run had started and not finished. */
  readonly interrupted: number;
  readonly cancelled: boolean;
}

export interface EngineOptions {
  readonly retries?: number;
  readonly backoffMs?: number;
}

type Listener = { job: PlannedJob; onEvent: (e: JobEvent) => void };

export class Engine {
  readonly cache: Cache;
  private readonly scheduler: Scheduler;
  /** Per job key, the runs that want it and their own view of the job. */
  private readonly listeners = new Map<string, Set<Listener>>();
  private active = 0;
  private release: (() => void) | undefined;
  private interrupted = 0;
  /** Jobs a stopped engine had placed on a target: followed there instead of run again. */
  private readonly placed = new Map<string, Placed>();
  /** The target each queued or running job was given (by key), until it settles. */
  private readonly assigned = new Map<string, string>();

  constructor(
    cacheDir: string,
    readonly router: Router,
    o: EngineOptions = {},
  ) {
    this.cache = new Cache(cacheDir);
    const limits = Object.fromEntries(router.targets.map((t) => [t.id, t.concurrency]));
    this.scheduler = new Scheduler({ limits, retries: o.retries, backoffMs: o.backoffMs, onEvent: (e) => this.route(e) });
  }

  private emit(key: string, make: (job: PlannedJob) => JobEvent): void {
    for (const l of this.listeners.get(key) ?? []) l.onEvent(make(l.job));
  }

  private route(e: SchedulerEvent): void {
    const key = e.task.id;
    if (e.type === 'settled' && this.assigned.get(key) === e.task.target) {
      this.assigned.delete(key);
      this.router.done(e.task.target);
    }
    if (e.type === 'start') this.emit(key, (job) => ({ type: 'start', job, attempt: e.attempt }));
    else if (e.type === 'retry') this.emit(key, (job) => ({ type: 'retry', job, attempt: e.attempt, delayMs: e.delayMs, code: e.code, message: e.message }));
    else if (e.outcome.state === 'failed') {
      const { code, message } = e.outcome;
      this.emit(key, (job) => ({ type: 'failed', job, code, message }));
    } else if (e.outcome.state === 'skipped') {
      const reason = e.outcome.reason;
      this.emit(key, (job) => ({ type: 'skipped', job, reason }));
    } else if (e.outcome.state === 'cancelled') this.emit(key, (job) => ({ type: 'cancelled', job }));
  }

  /** The project lock is held while a run or hold of this engine is active; recovery (and `prepare`) runs on taking it. */
  private enter(prepare?: () => void): void {
    if (this.active++ > 0) return;
    try {
      this.release = acquireProjectLock(this.cache.dir);
      const open = this.cache.recover();
      this.interrupted = open.size;
      for (const [key, at] of open) if (at) this.placed.set(key, at);
      prepare?.();
    } catch (e) {
      this.active--;
      this.release?.();
      this.release = undefined;
      throw e;
    }
  }

  /**
   * Runs `fn` holding the project lock, shared with this engine's runs that overlap it: a render keeps
   * it from planning through materializing and writing render.lock, so another process never sees (or
   * sweeps) its half-written files. `prepare` runs only when this call is the one that takes the lock.
   */
  async hold<T>(fn: () => Promise<T>, prepare?: () => void): Promise<T> {
    this.enter(prepare);
    try {
      return await fn();
    } finally {
      this.leave();
    }
  }

  private leave(): void {
    if (--this.active > 0) return;
    this.cache.journal.close();
    this.release?.();
    this.release = undefined;
  }

  /** `jobs` in dependency order; each job's deps are node ids resolved within `byNode`. */
  async run(jobs: readonly PlannedJob[], byNode: (job: PlannedJob, nodeId: string) => PlannedJob | undefined, opts: RunOptions): Promise<RunResult> {
    this.enter();
    const runId = `${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
    const records = new Map<string, JobRecord>();
    const outcomes: RunResult['outcomes'] = new Map();
    const journal = this.cache.journal;
    const mine: [string, Listener][] = [];
    try {
      const interrupted = this.interrupted;
      this.interrupted = 0;
      const unique = new Map<string, PlannedJob>();
      for (const j of jobs) if (!unique.has(j.key)) unique.set(j.key, j);
      const toRun: PlannedJob[] = [];
      for (const job of unique.values()) {
        const hit = opts.force?.has(job.key) ? undefined : this.cache.done(job.key);
        if (hit) {
          records.set(job.key, hit);
          outcomes.set(job.key, { state: 'cached' });
          opts.onEvent({ type: 'cached', job });
        } else toRun.push(job);
      }
      for (const job of toRun) {
        const l = { job, onEvent: opts.onEvent };
        mine.push([job.key, l]);
        (this.listeners.get(job.key) ?? this.listeners.set(job.key, new Set()).get(job.key)!).add(l);
      }
      // A run with nothing to do leaves no trace in the journal (and costs no fsync), unless it closes
      // what a killed run left open.
      const journaled = toRun.length > 0 || interrupted > 0;
      if (journaled) journal.append({ event: 'run', run: runId, at: new Date().toISOString(), pid: process.pid, canvas: opts.label.canvas, tier: opts.label.tier });
      if (toRun.length) await this.router.reports(opts.signal);
      const tasks = toRun.map((job) => ({
        id: job.key,
        label: nodeName(job.node),
        tier: job.tier,
        target: this.targetFor(job),
        priority: opts.priority ?? 'batch',
        deps: job.deps.map((d) => byNode(job, d)?.key ?? d),
        run: (signal: AbortSignal, attempt: number) => this.execute(job, byNode, runId, signal, attempt),
      }));
      const settled = await this.scheduler.submit(tasks, opts.signal);
      for (const [k, o] of settled) {
        outcomes.set(k, o);
        const rec = o.state === 'done' ? this.cache.records.get(k) : undefined;
        if (rec) records.set(k, rec);
      }
      const failed = [...settled.values()].filter((o) => o.state !== 'done').length;
      if (journaled) journal.append({ event: 'end', run: runId, ok: failed === 0, ran: toRun.length, cached: unique.size - toRun.length, failed });
      return { records, outcomes, interrupted, cancelled: opts.signal.aborted };
    } finally {
      for (const [k, l] of mine) this.listeners.get(k)?.delete(l);
      this.leave();
    }
  }

  /**
   * The target a job goes to: the one it already has while queued or running, else the router's pick
   * (the target it was placed on before a restart, when that still fits). `NO_TARGET` when none fits.
   */
  private targetFor(job: PlannedJob): string {
    const had = this.assigned.get(job.key);
    if (had !== undefined) return had;
    const t = this.router.assign(job.manifest, this.placed.get(job.key)?.target);
    if (!t) return NO_TARGET;
    this.assigned.set(job.key, t.id);
    return t.id;
  }

  private async execute(job: PlannedJob, byNode: (job: PlannedJob, nodeId: string) => PlannedJob | undefined, runId: string, signal: AbortSignal, attempt: number): Promise<void> {
    const journal = this.cache.journal;
    const target = this.router.target(this.assigned.get(job.key) ?? NO_TARGET);
    if (!target) {
      const why = this.router.registry.has(job.pipeline) ? 'no configured target can run it' : 'this build does not have it';
      throw new TaskError('INTERNAL', `${nodeName(job.node)}: ${job.pipeline.id}@${job.pipeline.version}: ${why}`);
    }
    journal.append({ event: 'started', run: runId, key: job.key, node: job.node.id, attempt });
    const at = this.placed.get(job.key);
    this.placed.delete(job.key);
    const place = { run: runId, key: job.key, target: target.id };
    const reattach =
      at && at.target === target.id ? { handle: at.handle, onReattach: (found: boolean) => journal.append({ event: 'reattached', ...place, handle: at.handle, found }) } : undefined;
    const upstream = new Map<string, JobRecord>();
    for (const d of job.deps) {
      const r = this.cache.done(byNode(job, d)?.key ?? '');
      if (r) upstream.set(d, r);
    }
    try {
      const onProgress = (line: ProgressLine) => this.emit(job.key, (j) => ({ type: 'progress', job: j, line }));
      const onPlaced = (handle: string) => journal.append({ event: 'placed', ...place, handle });
      const record = await executeJob(job, { cache: this.cache, target, upstream, signal, runId, onProgress, onPlaced, reattach });
      journal.append({ event: 'finished', run: runId, key: job.key, node: job.node.id, ms: record.ms });
      this.emit(job.key, (j) => ({ type: 'done', job: j, record }));
    } catch (e) {
      const f = e instanceof JobFailure ? e : new JobFailure('INTERNAL', e instanceof Error ? e.message : String(e));
      journal.append({ event: 'failed', run: runId, key: job.key, node: job.node.id, code: f.code, message: f.message });
      throw new TaskError(f.code, f.message);
    }
  }
}
