import { followCommand, parseEnd, signalCommand, type RemoteEnd, type RemoteJobPaths } from './remoteJob';
import type { SshHost } from './sshHost';

/**
 * Follows a detached job on the host to its end: streams its stdout lines (from the byte after the
 * last one seen, so a reconnect repeats none), reconnects when the connection drops, and on cancel
 * sends TERM to its process group, then KILL after the grace period.
 */

export interface FollowOptions {
  readonly signal: AbortSignal;
  readonly onLine: (line: string) => void;
  readonly graceMs: number;
  /** Shell commands that also stop what runs outside the group (a container), by signal. */
  readonly stopExtra?: { readonly TERM: string; readonly KILL: string };
  readonly log: (line: string) => void;
}

export type FollowEnd =
  | (RemoteEnd & { readonly cancelled: boolean })
  /** Cancelled while the host could not be reached: the job may still be running there. */
  | { readonly kind: 'unreachable'; readonly cancelled: true; readonly message: string };

class LineSplitter {
  private rest: Buffer = Buffer.alloc(0);
  bytes = 0;
  constructor(private readonly onLine: (line: string) => void) {}

  feed = (chunk: Buffer): void => {
    this.bytes += chunk.length;
    this.rest = this.rest.length ? Buffer.concat([this.rest, chunk]) : chunk;
    // \r ends a line too: status lines that redraw themselves (Wan2GP's `\r  [12/30] …`) are progress.
    for (let end = this.lineEnd(); end >= 0; end = this.lineEnd()) {
      const line = this.rest.subarray(0, end).toString('utf8');
      if (line) this.onLine(line);
      this.rest = this.rest.subarray(end + 1);
    }
  };

  private lineEnd(): number {
    const nl = this.rest.indexOf(10);
    const cr = this.rest.indexOf(13);
    return nl < 0 ? cr : cr < 0 ? nl : Math.min(nl, cr);
  }

  flush(): void {
    if (this.rest.length) this.onLine(this.rest.toString('utf8'));
    this.rest = Buffer.alloc(0);
  }
}

export async function followJob(host: SshHost, paths: RemoteJobPaths, o: FollowOptions): Promise<FollowEnd> {
  const lines = new LineSplitter(o.onLine);
  let cancelled = false;
  let killTimer: NodeJS.Timeout | undefined;
  const stop = (sig: 'TERM' | 'KILL'): void => {
    host
      .session()
      .then((s) => s.conn.exec(signalCommand(paths, sig, o.stopExtra?.[sig])))
      .catch((e: Error) => o.log(`${host.who}: could not send ${sig} to job ${paths.id} (${e.message})`));
  };
  const onAbort = (): void => {
    cancelled = true;
    stop('TERM');
    killTimer = setTimeout(() => stop('KILL'), o.graceMs);
  };
  if (o.signal.aborted) onAbort();
  else o.signal.addEventListener('abort', onAbort, { once: true });
  // Reconnecting gives up on its own after its backoff; cancel cuts only the waits, then says so.
  const never = new AbortController().signal;
  let failures = 0;
  try {
    for (;;) {
      let session;
      try {
        session = await host.reconnect(cancelled ? o.signal : never);
      } catch (e) {
        if (cancelled) return { kind: 'unreachable', cancelled: true, message: (e as Error).message };
        throw e;
      }
      const r = await session.conn.exec(followCommand(paths, lines.bytes), lines.feed).catch(() => undefined);
      const end = r && parseEnd(r.stderr);
      if (end) {
        lines.flush();
        return { ...end, cancelled };
      }
      if (session.conn.closed) continue;
      if (r && r.code !== undefined) {
        const why = `exit ${r.code}: ${r.stderr.trim().slice(0, 300)}`;
        throw new Error(`${host.who}: cannot follow job ${paths.id} (${why})`);
      }
      // The command failed to open on a connection not (yet) seen closed: let the close arrive.
      if (++failures > 5) throw new Error(`${host.who}: cannot open a session to follow job ${paths.id}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    o.signal.removeEventListener('abort', onAbort);
    clearTimeout(killTimer);
  }
}
