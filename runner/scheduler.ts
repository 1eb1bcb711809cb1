import { TRANSIENT_ERRORS, type ErrorCode } from '../core/contract';
import type { Tier } from '../core';

/**
 * Runs tasks with dependencies: a queue per tier, a concurrency limit per target, interactive work
 * (one node someone is waiting for) ahead of batch renders, retries with backoff for transient
 * failures only, and cancellation per submission. One scheduler serves every render of a process, so
 * a task already queued by a batch render is shared (and promoted) when an interactive one asks too.
 * It knows nothing of files or pipelines: a task is a function.
 */

export type Priority = 'interactive' | 'batch';

export interface Task {
  readonly id: string;
  readonly label: string;
  readonly tier: Tier;
  readonly target: string;
  readonly priority: Priority;
  /** Ids of tasks that must succeed first; ids not queued or running count as done. */
  readonly deps: readonly string[];
  /** Throws a TaskError to fail; any other error counts as INTERNAL. */
  run(signal: AbortSignal, attempt: number): Promise<void>;
}

export class TaskError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export type Outcome =
  | { readonly state: 'done'; readonly attempts: number }
  | { readonly state: 'failed'; readonly code: ErrorCode; readonly message: string; readonly attempts: number }
  | { readonly state: 'skipped'; readonly reason: string }
  | { readonly state: 'cancelled' };

export type SchedulerEvent =
  | { readonly type: 'start'; readonly task: Task; readonly attempt: number }
  | { readonly type: 'retry'; readonly task: Task; readonly attempt: number; readonly delayMs: number; readonly code: ErrorCode; readonly message: string }
  | { readonly type: 'settled'; readonly task: Task; readonly outcome: Outcome };

export interface SchedulerOptions {
  /** Jobs at once per target id; a target not listed gets 1. */
  readonly limits: Readonly<Record<string, number>>;
  /** Extra attempts for a transient failure. */
  readonly retries?: number;
  /** First backoff; doubles on each further attempt. */
  readonly backoffMs?: number;
  readonly onEvent?: (e: SchedulerEvent) => void;
}

const TIERS: readonly Tier[] = ['low', 'standard', 'high'];

interface Entry {
  task: Task;
  priority: Priority;
  readonly seq: number;
  attempt: number;
  notBefore: number;
  running: boolean;
  /** Submissions waiting for it; it is cancelled when all of them are. */
  owners: number;
  readonly controller: AbortController;
  readonly waiters: ((o: Outcome) => void)[];
}

export class Scheduler {
  private readonly live = new Map<string, Entry>();
  private readonly settled = new Map<string, Outcome>();
  private readonly running = new Map<string, number>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private seq = 0;

  constructor(private readonly o: SchedulerOptions) {}

  /** Queues tasks; resolves with each one's outcome once all have settled. `signal` cancels just these. */
  submit(tasks: readonly Task[], signal?: AbortSignal): Promise<Map<string, Outcome>> {
    const mine: Entry[] = [];
    const settled = tasks.map(
      (task) =>
        new Promise<[string, Outcome]>((resolve) => {
          if (signal?.aborted) return resolve([task.id, { state: 'cancelled' }]);
          let e = this.live.get(task.id);
          if (e) {
            if (task.priority === 'interactive') e.priority = 'interactive';
            e.owners++;
          } else {
            e = { task, priority: task.priority, seq: this.seq++, attempt: 1, notBefore: 0, running: false, owners: 1, controller: new AbortController(), waiters: [] };
            this.live.set(task.id, e);
          }
          e.waiters.push((o) => resolve([task.id, o]));
          mine.push(e);
        }),
    );
    const onAbort = () => mine.forEach((e) => --e.owners <= 0 && this.drop(e));
    signal?.addEventListener('abort', onAbort, { once: true });
    this.pump();
    return Promise.all(settled).then((list) => {
      // A long-lived signal (one per editor session, or a benchmark's) must not collect a listener per run.
      signal?.removeEventListener('abort', onAbort);
      return new Map(list);
    });
  }

  /** Cancels everything queued or running. */
  cancel(): void {
    for (const e of [...this.live.values()]) this.drop(e);
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  /** Queued: settles as cancelled now. Running: its signal aborts and it settles when it stops. */
  private drop(e: Entry): void {
    if (e.running) return e.controller.abort();
    if (this.live.get(e.task.id) === e) this.finish(e, { state: 'cancelled' });
  }

  private finish(e: Entry, outcome: Outcome): void {
    this.live.delete(e.task.id);
    this.settled.set(e.task.id, outcome);
    this.o.onEvent?.({ type: 'settled', task: e.task, outcome });
    for (const w of e.waiters.splice(0)) w(outcome);
  }

  /** A dependency that failed, was skipped or cancelled makes its dependents skip, naming it. */
  private blockedBy(task: Task): string | 'wait' | undefined {
    for (const d of task.deps) {
      const dep = this.live.get(d);
      if (dep) return dep.controller.signal.aborted ? `upstream ${dep.task.label} was cancelled` : 'wait';
      const o = this.settled.get(d);
      if (!o || o.state === 'done') continue;
      const label = `upstream ${this.labels.get(d) ?? d}`;
      return o.state === 'failed' ? `${label} failed (${o.code})` : o.state === 'skipped' ? `${label} was skipped` : `${label} was cancelled`;
    }
    return undefined;
  }

  private readonly labels = new Map<string, string>();

  /** Starts what can start: interactive before batch, then low, standard, high tier, each in arrival order. */
  private pump(): void {
    for (let progressed = true; progressed; ) {
      progressed = false;
      const waiting = [...this.live.values()].filter((e) => !e.running);
      const rank = (e: Entry) => (e.priority === 'interactive' ? 0 : 3) + TIERS.indexOf(e.task.tier);
      waiting.sort((a, b) => rank(a) - rank(b) || a.seq - b.seq);
      for (const e of waiting) {
        this.labels.set(e.task.id, e.task.label);
        const blocked = this.blockedBy(e.task);
        if (blocked === 'wait' || e.notBefore > Date.now()) continue;
        if (blocked !== undefined) {
          this.finish(e, { state: 'skipped', reason: blocked });
          progressed = true;
        } else if ((this.running.get(e.task.target) ?? 0) < (this.o.limits[e.task.target] ?? 1)) {
          this.start(e);
          progressed = true;
        }
      }
    }
  }

  private start(e: Entry): void {
    e.running = true;
    this.running.set(e.task.target, (this.running.get(e.task.target) ?? 0) + 1);
    this.o.onEvent?.({ type: 'start', task: e.task, attempt: e.attempt });
    e.task.run(e.controller.signal, e.attempt).then(
      () => this.after(e, undefined),
      (err: unknown) => this.after(e, err instanceof TaskError ? err : new TaskError('INTERNAL', err instanceof Error ? err.message : String(err))),
    );
  }

  private after(e: Entry, err: TaskError | undefined): void {
    e.running = false;
    this.running.set(e.task.target, this.running.get(e.task.target)! - 1);
    if (!err) this.finish(e, { state: 'done', attempts: e.attempt });
    else if (e.controller.signal.aborted) this.finish(e, { state: 'cancelled' });
    else if (TRANSIENT_ERRORS.includes(err.code) && e.attempt <= (this.o.retries ?? 2)) {
      const delayMs = (this.o.backoffMs ?? 1000) * 2 ** (e.attempt - 1);
      this.o.onEvent?.({ type: 'retry', task: e.task, attempt: e.attempt + 1, delayMs, code: err.code, message: err.message });
      e.attempt++;
      e.notBefore = Date.now() + delayMs;
      const t = setTimeout(() => {
        this.timers.delete(t);
        // The timer is what ends the backoff: it can fire a millisecond before Date.now() reaches
        // notBefore (libuv's loop clock is not Date's), and a pump that skipped the task then would
        // leave it waiting forever, with no timer left to wake it.
        e.notBefore = 0;
        this.pump();
      }, delayMs);
      this.timers.add(t);
    } else this.finish(e, { state: 'failed', code: err.code, message: err.message, attempts: e.attempt });
    this.pump();
  }
}
