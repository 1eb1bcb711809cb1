import type { SshTargetConfig } from '../../../core/targetConfig';
import { HostKeyRefused } from './hostKeys';
import { RemoteFiles, newTransferStats, type TransferStats } from './remoteFiles';
import { hostPath } from './shell';
import { SshConnection, type ConnectDeps } from './sshConnection';

/**
 * One configured host: a connection made on first use and made again after it drops (with backoff),
 * the host's absolute work folder, and the transfer counters. The ssh target and the Wan2GP target
 * that runs through it share one of these, so they share the connection and the input cache.
 */

export interface Session {
  readonly conn: SshConnection;
  readonly files: RemoteFiles;
}

/** Waits between reconnect attempts: about 30 s in all before a job is given up as unreachable. */
const BACKOFF_MS = [250, 500, 1000, 2000, 4000, 8000, 8000, 8000];

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });

export class SshHost {
  readonly stats: TransferStats = newTransferStats();
  private current: Promise<Session> | undefined;
  private disposed = false;

  constructor(
    readonly config: SshTargetConfig,
    private readonly deps: ConnectDeps,
    private readonly log: (line: string) => void,
  ) {}

  get who(): string {
    return `ssh target "${this.config.id}"`;
  }

  /** The live session, connecting (once, shared by concurrent callers) when there is none. */
  async session(): Promise<Session> {
    const s = await this.connecting();
    if (!s.conn.closed) return s;
    // Closed, but its `close` event has not run yet: do not hand out a dead connection.
    if (this.current && (await this.current) === s) this.current = undefined;
    return this.connecting();
  }

  private connecting(): Promise<Session> {
    if (this.disposed) return Promise.reject(new Error(`${this.who} was closed`));
    if (!this.current) {
      const attempt = this.open();
      this.current = attempt;
      attempt.then(
        (s) => s.conn.onClose(() => {
          if (this.current === attempt) this.current = undefined;
        }),
        () => {
          if (this.current === attempt) this.current = undefined;
        },
      );
    }
    return this.current;
  }

  /**
   * A session after a drop: tries again with backoff while the signal allows. A refused host key is
   * not retried: it will not change by waiting, and asking again would nag.
   */
  async reconnect(signal: AbortSignal): Promise<Session> {
    let last: Error | undefined;
    for (const wait of [0, ...BACKOFF_MS]) {
      if (wait) await sleep(wait, signal);
      if (signal.aborted || this.disposed) break;
      try {
        return await this.session();
      } catch (e) {
        if (e instanceof HostKeyRefused) throw e;
        last = e as Error;
        this.log(`${this.who}: reconnecting (${last.message})`);
      }
    }
    throw last ?? new Error(`${this.who}: gave up reconnecting`);
  }

  private async open(): Promise<Session> {
    const conn = await SshConnection.open(this.config, this.deps);
    try {
      const wd = hostPath(this.config.workDir);
      // Relative to the login folder, as scp and sftp take it; resolved once so every path is absolute.
      // Temporaries of uploads cut an hour ago or more are swept on the way (no command of their own).
      const sweep = "find cas -maxdepth 1 -name '.tmp-*' -mmin +60 -delete 2>/dev/null";
      const mkdir = `mkdir -p ${wd}/cas ${wd}/jobs && cd ${wd} && { ${sweep}; pwd -P; }`;
      const abs = (await conn.run(mkdir, 'making the work folder')).trim();
      if (!abs.startsWith('/')) throw new Error(`${this.who}: the host answered "${abs}" for its work folder`);
      const lost = new Promise<never>((_, reject) => {
        conn.onClose(() => reject(new Error('the connection to the host was lost')));
      });
      lost.catch(() => undefined);
      return { conn, files: new RemoteFiles(await conn.sftp(), abs, this.stats, lost) };
    } catch (e) {
      conn.close();
      throw e;
    }
  }

  dispose(): void {
    this.disposed = true;
    const current = this.current;
    this.current = undefined;
    current?.then((s) => s.conn.close(), () => undefined);
  }
}
