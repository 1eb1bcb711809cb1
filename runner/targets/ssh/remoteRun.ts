import type { JobResult, JobSpec, ProgressLine } from '../../../core/contract';
import { nodeName } from '../../../core/nodeNames';
import { internalError, type JobIo, type OnPlaced, type Target } from '../target';
import { cancelled, removeRemoteJob } from './collectResult';
import { followJob, type FollowEnd } from './followJob';
import { placeJob, type Placement } from './placeJob';
import { REMOTE_JOB_ID, newRemoteJobId, remoteJobPaths, type RemoteJobPaths } from './remoteJob';
import type { Session, SshHost } from './sshHost';

/**
 * run() and reattach() of a target whose jobs live on an ssh host: the ssh target (contract pipelines)
 * and the Wan2GP target differ only in how a job is laid out, how its stdout reads and how its end
 * becomes a JobResult; placing, following across reconnects, cancelling and cleaning up are here.
 */

type OnProgress = (line: ProgressLine) => void;
/** What a job kind lays out: the placement but for the job and its local inputs. */
export type Layout = Omit<Placement, 'job' | 'inputsDir'>;

/** What one kind of remote job decides; `J` is what it keeps while following a job (e.g. its console). */
export interface RemoteJobKind<J> {
  readonly host: SshHost;
  readonly graceMs: number;
  readonly log: (line: string) => void;
  /** The job's layout, or a result when it cannot run at all (bad params: nothing is placed). */
  prepare(s: Session, job: JobSpec, io: JobIo, paths: RemoteJobPaths): Promise<Layout | JobResult>;
  /** State for following one job, and what each stdout line means. */
  follower(job: JobSpec, io: JobIo, onProgress: OnProgress): { state: J; onLine: (line: string) => void };
  /** Stops what runs outside the job's process group (a container), by signal. */
  stopExtra?(id: string): { TERM: string; KILL: string };
  collect(s: Session, paths: RemoteJobPaths, end: FollowEnd, io: JobIo, who: string, state: J): Promise<JobResult>;
}

export function checkEnvNames(who: string, env: Readonly<Record<string, string>> | undefined): void {
  for (const name of Object.keys(env ?? {})) {
    if (!/^[A-Z_][A-Z0-9_]*$/.test(name)) throw new Error(`${who}: ${name} is not an environment variable name`);
  }
}

/** Placing again after a dropped connection, at most this many times in all. */
const PLACE_ATTEMPTS = 3;

type Run = Target['run'];
type Reattach = NonNullable<Target['reattach']>;

export function remoteRunner<J>(kind: RemoteJobKind<J>): { run: Run; reattach: Reattach } {
  const { host } = kind;

  const finish = async (
    job: JobSpec,
    io: JobIo,
    id: string,
    signal: AbortSignal,
    onProgress: OnProgress,
  ): Promise<JobResult> => {
    const who = `job ${nodeName(job.node)}`;
    try {
      const paths = remoteJobPaths((await host.session()).files.workDir, id);
      const { state, onLine } = kind.follower(job, io, onProgress);
      const stopExtra = kind.stopExtra?.(id);
      const follow = { signal, onLine, graceMs: kind.graceMs, log: kind.log, ...(stopExtra ? { stopExtra } : {}) };
      const end = await followJob(host, paths, follow);
      if (end.kind === 'unreachable') {
        const message = `${who} was cancelled, but ${end.message}: job ${id} may still run there`;
        return { ok: false, error: { code: 'INTERRUPTED', message } };
      }
      const s = await host.reconnect(new AbortController().signal);
      const result = await kind.collect(s, paths, end, io, who, state);
      if (end.kind !== 'gone') await removeRemoteJob(s, paths);
      return result;
    } catch (e) {
      return internalError(`${who}: ${(e as Error).message} (job ${id} on ${host.config.host})`);
    }
  };

  const run: Run = async (job, io, signal, onProgress, onPlaced?: OnPlaced) => {
    const who = `job ${nodeName(job.node)}`;
    if (signal.aborted) return cancelled(who);
    const id = newRemoteJobId(job.key);
    // Placing is idempotent (uploads by content, links and texts replaced, one start), so a connection
    // that drops while placing is made again and the placing done again, a few times.
    for (let attempt = 1; ; attempt++) {
      let s: Session | undefined;
      try {
        s = await host.reconnect(signal);
        const paths = remoteJobPaths(s.files.workDir, id);
        const layout = await kind.prepare(s, job, io, paths);
        if ('ok' in layout) return layout;
        const pid = await placeJob(s, paths, { ...layout, job, inputsDir: io.inputsDir }, signal);
        if (pid === undefined) {
          await removeRemoteJob(s, paths);
          return cancelled(who);
        }
        break;
      } catch (e) {
        if (s && (await s.conn.closedWithin(1000)) && attempt < PLACE_ATTEMPTS && !signal.aborted) {
          kind.log(`${host.who}: the connection dropped while placing ${who}; placing it again`);
          continue;
        }
        return internalError(`${who}: ${(e as Error).message}`);
      }
    }
    onPlaced?.(id);
    return finish(job, io, id, signal, onProgress);
  };

  const reattach: Reattach = async (handle, job, io, signal, onProgress) => {
    if (!REMOTE_JOB_ID.test(handle)) return undefined;
    const s = await host.reconnect(signal);
    if (!(await s.files.exists(remoteJobPaths(s.files.workDir, handle).dir))) return undefined;
    return finish(job, io, handle, signal, onProgress);
  };

  return { run, reattach };
}
