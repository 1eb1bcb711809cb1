import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import type { ErrorCode } from '../../core/contract';
import { Scheduler, TaskError, type Priority, type SchedulerEvent, type Task } from '../../runner/scheduler';

/** The scheduler on its own: tasks are plain async functions, so order and timing are exact. */

const tick = (ms = 5) => new Promise<void>((r) => setTimeout(r, ms));

function task(id: string, o: Partial<Task> & { body?: (signal: AbortSignal, attempt: number) => Promise<void> } = {}): Task {
  return { id, label: id, tier: 'low', target: 'local', priority: 'batch', deps: [], run: o.body ?? (async () => void (await tick())), ...o };
}

describe('runner: scheduler', () => {
  it('keeps to the concurrency limit of each target', async () => {
    let now = 0;
    let peak = 0;
    const body = async () => {
      peak = Math.max(peak, ++now);
      await tick(10);
      now--;
    };
    const s = new Scheduler({ limits: { local: 2 } });
    const out = await s.submit(Array.from({ length: 7 }, (_, i) => task(`t${i}`, { body })));
    assert.equal(peak, 2);
    assert.ok([...out.values()].every((o) => o.state === 'done'));
  });

  it('runs dependencies first, and interactive work ahead of queued batch work', async () => {
    const order: string[] = [];
    const s = new Scheduler({ limits: { local: 1 } });
    const body = (id: string) => async () => {
      order.push(id);
      await tick();
    };
    const batch = s.submit([task('b1', { body: body('b1') }), task('b2', { body: body('b2'), deps: ['b1'] }), task('b3', { body: body('b3') })]);
    const interactive = s.submit([task('i1', { body: body('i1'), priority: 'interactive' as Priority })]);
    await Promise.all([batch, interactive]);
    assert.equal(order[0], 'b1', 'the running job is not preempted');
    assert.equal(order[1], 'i1');
    assert.ok(order.indexOf('b2') > order.indexOf('b1'));
  });

  it('retries transient failures with growing backoff, and only those', async () => {
    const events: SchedulerEvent[] = [];
    const s = new Scheduler({ limits: { local: 1 }, retries: 2, backoffMs: 20, onEvent: (e) => events.push(e) });
    const failing = (code: ErrorCode, times: number) => {
      let n = 0;
      return async () => {
        if (n++ < times) throw new TaskError(code, `${code} #${n}`);
      };
    };
    const out = await s.submit([task('oom', { body: failing('OUT_OF_MEMORY', 2) }), task('bad', { body: failing('BAD_PARAMS', 1) }), task('always', { body: failing('INTERRUPTED', 9) })]);
    assert.deepEqual(out.get('oom'), { state: 'done', attempts: 3 });
    assert.deepEqual(out.get('bad'), { state: 'failed', code: 'BAD_PARAMS', message: 'BAD_PARAMS #1', attempts: 1 });
    assert.deepEqual(out.get('always'), { state: 'failed', code: 'INTERRUPTED', message: 'INTERRUPTED #3', attempts: 3 });
    // Each attempt starts only after the retry that announced it, with the doubled backoff.
    const oom = events.filter((e) => e.task.id === 'oom').map((e) => (e.type === 'retry' ? `retry ${e.attempt} in ${e.delayMs} ms` : e.type === 'start' ? `start ${e.attempt}` : e.outcome.state));
    assert.deepEqual(oom, ['start 1', 'retry 2 in 20 ms', 'start 2', 'retry 3 in 40 ms', 'start 3', 'done']);
  });

  it('skips what depends on a failure, naming it, and lets the rest finish', async () => {
    const s = new Scheduler({ limits: { local: 2 } });
    const out = await s.submit([
      task('a', { body: async () => Promise.reject(new TaskError('BAD_PARAMS', 'no')) }),
      task('b', { deps: ['a'] }),
      task('c', { deps: ['b'] }),
      task('d'),
      task('e', { body: async () => Promise.reject(new Error('boom')) }),
    ]);
    assert.deepEqual(out.get('b'), { state: 'skipped', reason: 'upstream a failed (BAD_PARAMS)' });
    assert.deepEqual(out.get('c'), { state: 'skipped', reason: 'upstream b was skipped' });
    assert.equal(out.get('d')!.state, 'done');
    assert.deepEqual(out.get('e'), { state: 'failed', code: 'INTERNAL', message: 'boom', attempts: 1 });
  });

  it('cancel aborts running tasks and settles queued ones as cancelled', async () => {
    const s = new Scheduler({ limits: { local: 1 } });
    let sawAbort = false;
    const long = (signal: AbortSignal) =>
      new Promise<void>((_, reject) => {
        signal.addEventListener('abort', () => {
          sawAbort = true;
          reject(new TaskError('INTERRUPTED', 'stopped'));
        });
      });
    const done = s.submit([task('long', { body: long }), task('next'), task('after', { deps: ['long'] })]);
    await tick(20);
    s.cancel();
    const out = await done;
    assert.ok(sawAbort);
    assert.deepEqual([...out.values()].map((o) => o.state), ['cancelled', 'cancelled', 'cancelled']);
    assert.deepEqual((await s.submit([task('late')])).get('late'), { state: 'done', attempts: 1 });
  });

  it('shares a task two submissions want, promotes it when one is interactive, cancels it only when both do', async () => {
    const s = new Scheduler({ limits: { local: 1 } });
    const order: string[] = [];
    let runs = 0;
    const body = (id: string) => async () => {
      order.push(id);
      if (id === 'shared') runs++;
      await tick(10);
    };
    const batch = new AbortController();
    const a = s.submit([task('first', { body: body('first') }), task('b1', { body: body('b1') }), task('shared', { body: body('shared') })], batch.signal);
    const b = s.submit([task('shared', { body: body('shared'), priority: 'interactive' as Priority })]);
    batch.abort();
    const [ra, rb] = await Promise.all([a, b]);
    assert.equal(runs, 1, 'the shared task ran once');
    assert.deepEqual(order, ['first', 'shared'], 'promoted ahead of b1; b1 was cancelled with its batch');
    assert.equal(rb.get('shared')!.state, 'done');
    assert.equal(ra.get('b1')!.state, 'cancelled');
  });

  it('lets go of a submission\'s signal once it has settled', async () => {
    const s = new Scheduler({ limits: { local: 1 } });
    const signal = new AbortController().signal;
    for (let i = 0; i < 12; i++) await s.submit([task(`t${i}`)], signal);
    assert.equal(getEventListeners(signal, 'abort').length, 0);
  });
});
