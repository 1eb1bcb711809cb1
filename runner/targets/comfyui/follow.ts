import type { ProgressLine } from '../../../core/contract';
import type { HistoryEntry } from './api';
import type { ExecutionError } from './errors';
import type { ComfyHttp } from './http';
import type { ComfySocket } from './socket';

/**
 * Follows one prompt to its end. Events come from /ws when the prompt was queued with this socket's
 * client id; /history is the truth about a finished prompt, so it is read when ComfyUI says the prompt
 * is done, after the socket reconnects, and every so often (often while nothing else can tell: the
 * socket is down, or the prompt belongs to another client id, as after a restart).
 */

export type Outcome =
  | { readonly kind: 'done'; readonly entry: HistoryEntry }
  | { readonly kind: 'failed'; readonly error: ExecutionError }
  | { readonly kind: 'interrupted' }
  /** ComfyUI no longer knows the prompt, or could not be reached for too long. */
  | { readonly kind: 'lost'; readonly message: string };

export interface FollowOptions {
  readonly signal: AbortSignal;
  readonly onProgress: (line: ProgressLine) => void;
  /** Whether the prompt's events come to this socket (it was queued with its client id). */
  readonly ownEvents: boolean;
  /** How long ComfyUI may stay out of reach before the job is given up (it may still run there). */
  readonly giveUpMs?: number;
}

/** What a finished prompt's history entry says happened. */
export function outcomeOf(entry: HistoryEntry): Outcome {
  const messages = entry.status?.messages ?? [];
  if (messages.some(([type]) => type === 'execution_interrupted')) return { kind: 'interrupted' };
  const error = messages.find(([type]) => type === 'execution_error');
  if (error) {
    const d = (error[1] ?? {}) as Partial<ExecutionError>;
    const exception_type = String(d.exception_type ?? '');
    const exception_message = String(d.exception_message ?? '');
    return { kind: 'failed', error: { node_id: d.node_id, node_type: d.node_type, exception_type, exception_message } };
  }
  if (entry.status && entry.status.status_str !== 'success') {
    const exception_message = `status ${entry.status.status_str}`;
    return { kind: 'failed', error: { exception_type: 'error', exception_message } };
  }
  return { kind: 'done', entry };
}

export function followPrompt(
  http: ComfyHttp,
  socket: ComfySocket,
  promptId: string,
  opts: FollowOptions,
): Promise<Outcome> {
  const giveUpMs = opts.giveUpMs ?? 600_000;
  return new Promise<Outcome>((resolve) => {
    let settled = false;
    let checking = false;
    let cancelling = false;
    const internal = new AbortController();
    const settle = (o: Outcome) => {
      if (settled) return;
      settled = true;
      clearInterval(timer);
      offEvents();
      offReconnect();
      opts.signal.removeEventListener('abort', cancel);
      internal.abort();
      resolve(o);
    };

    /** Reads /history (and the queue, to notice a prompt that vanished); network trouble waits for the next try. */
    const check = async () => {
      if (checking || settled) return;
      checking = true;
      try {
        const entry = await http.history(promptId, internal.signal);
        if (entry) return settle(outcomeOf(entry));
        if (!(await http.queued(promptId, internal.signal))) {
          // History is written before ComfyUI takes the prompt off its queue: read it once more.
          const late = await http.history(promptId, internal.signal);
          const gone = `ComfyUI at ${http.base} has no prompt ${promptId} in its queue or history`;
          settle(late ? outcomeOf(late) : { kind: 'lost', message: gone });
        }
      } catch {
        const away = `ComfyUI at ${http.base} was out of reach for ${Math.round(giveUpMs / 1000)} s`;
        if (socket.downFor > giveUpMs) settle({ kind: 'lost', message: away });
      } finally {
        checking = false;
      }
    };

    const offEvents = socket.on((e) => {
      const data: unknown = e.data;
      const id = typeof data === 'object' && data !== null ? (data as { prompt_id?: unknown }).prompt_id : undefined;
      if (id !== promptId) {
        // Queue changes are broadcast: the prompt of another client may have finished.
        if (e.type === 'status' && !opts.ownEvents) void check();
        return;
      }
      if (e.type === 'progress') {
        const stage = e.data.node ? { stage: `node ${e.data.node}` } : {};
        opts.onProgress({ type: 'progress', value: e.data.value, max: e.data.max, ...stage });
      }
      else if (e.type === 'executing' && e.data.node === null) void check();
      else if (e.type === 'execution_interrupted' || e.type === 'execution_error') void check();
    });
    const offReconnect = socket.onReconnect(() => void check());
    const timer = setInterval(() => {
      if (!opts.ownEvents || socket.downFor > 0 || cancelling) void check();
    }, opts.ownEvents ? 2000 : 1000);

    /** Not started: out of the queue at once. Running: ComfyUI stops it between nodes and says so. */
    async function cancel() {
      cancelling = true;
      try {
        const where = await http.queued(promptId, internal.signal);
        if (where === 'pending') {
          await http.unqueue(promptId, internal.signal);
          if (!(await http.queued(promptId, internal.signal))) return settle({ kind: 'interrupted' });
        }
        if (where === 'running') await http.interrupt(promptId, internal.signal);
      } catch {
        // Out of reach: the checks go on, and give up in time.
      }
      void check();
    }
    opts.signal.addEventListener('abort', cancel, { once: true });
    if (opts.signal.aborted) void cancel();
    void check();
  });
}
