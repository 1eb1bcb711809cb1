import { randomBytes } from 'node:crypto';
import { shq } from './shell';

/**
 * A job's folder on the host and the shell commands that start, watch and stop it. The job runs
 * detached (its own session and process group, started by `setsid`) under a small wrapper that
 * records its pid, its stdout (progress.log), its stderr and, when it ends, its exit status: so it
 * outlives a dropped connection or a killed engine, and any later connection can follow it by id.
 */

/** `<first 16 hex of the job key>-<8 random hex>`: readable in `ls`, unique per placement. */
export const REMOTE_JOB_ID = /^[0-9a-f]{16}-[0-9a-f]{8}$/;

export const newRemoteJobId = (key: string): string => `${key.slice(0, 16)}-${randomBytes(4).toString('hex')}`;

export interface RemoteJobPaths {
  readonly id: string;
  readonly dir: string;
  readonly job: string;
  readonly inputs: string;
  readonly outputs: string;
  readonly program: string;
}

export function remoteJobPaths(workDir: string, id: string): RemoteJobPaths {
  if (!REMOTE_JOB_ID.test(id)) throw new Error(`"${id}" is not a remote job id`);
  const dir = `${workDir}/jobs/${id}`;
  return { id, dir, job: `${dir}/job`, inputs: `${dir}/inputs`, outputs: `${dir}/outputs`, program: `${dir}/program` };
}

/**
 * The wrapper (run.sh in the job folder). `trap :` keeps the wrapper alive through the TERM that
 * cancel sends to the whole group, so it still writes the exit status once the program has stopped;
 * a caught signal is reset to the default in the program, which gets the TERM as it should.
 */
export function wrapperScript(command: string): string {
  return [
    '#!/bin/sh',
    '# BMAD Movie Director: one job, detached from the ssh session that started it.',
    'cd "$(dirname "$0")" || exit 1',
    'echo $$ >pid.tmp && mv pid.tmp pid',
    "trap ':' HUP INT TERM",
    `${command} >progress.log 2>stderr.log </dev/null`,
    'echo $? >exit.tmp && mv exit.tmp exit',
    '',
  ].join('\n');
}

/** Starts run.sh in its own session and prints its pid once it has written it. */
export function startCommand(p: RemoteJobPaths): string {
  return (
    `cd ${shq(p.dir)} && (setsid sh run.sh </dev/null >/dev/null 2>&1 &) && ` +
    'i=0; while [ ! -s pid ] && [ $i -lt 400 ]; do sleep 0.05; i=$((i+1)); done; cat pid'
  );
}

export type RemoteStatus =
  | { readonly kind: 'running'; readonly pid: number }
  | { readonly kind: 'exited'; readonly code: number }
  /** The folder is there but nothing runs and no status was written: SIGKILL, or the host restarted. */
  | { readonly kind: 'dead' }
  /** No such job folder: never placed here, or already collected. */
  | { readonly kind: 'gone' };

export function statusCommand(p: RemoteJobPaths): string {
  return (
    `cd ${shq(p.dir)} 2>/dev/null || { echo gone; exit 0; }; ` +
    'if [ -s exit ]; then echo "exited $(cat exit)"; ' +
    'elif [ -s pid ] && kill -0 "$(cat pid)" 2>/dev/null; then echo "running $(cat pid)"; ' +
    'else echo dead; fi'
  );
}

export function parseStatus(out: string): RemoteStatus {
  const [word, n] = out.trim().split(/\s+/);
  if (word === 'running' && Number.isInteger(Number(n))) return { kind: 'running', pid: Number(n) };
  if (word === 'exited' && Number.isInteger(Number(n))) return { kind: 'exited', code: Number(n) };
  if (word === 'gone') return { kind: 'gone' };
  if (word === 'dead') return { kind: 'dead' };
  throw new Error(`unexpected answer from the host about the job: ${JSON.stringify(out.slice(0, 200))}`);
}

/**
 * Streams progress.log from byte `offset` while the wrapper runs (polled every 0.1 s; GNU tail's own
 * --pid looks only once a second), so a reconnect resumes where the last connection stopped without
 * repeating a line. What arrives after the last poll is read by drainCommand.
 */
export function watchCommand(p: RemoteJobPaths, offset: number): string {
  return (
    `cd ${shq(p.dir)} && { tail -c +${offset + 1} -f progress.log & t=$!; p=$(cat pid); ` +
    'while kill -0 "$p" 2>/dev/null; do sleep 0.1; done; kill $t; }'
  );
}

/** The rest of progress.log from `offset`, for a job that has already ended. */
export function drainCommand(p: RemoteJobPaths, offset: number): string {
  return `tail -c +${offset + 1} ${shq(`${p.dir}/progress.log`)}`;
}

/** Signals the job's whole process group; `extra` stops what runs outside it (a container). */
export function signalCommand(p: RemoteJobPaths, signal: 'TERM' | 'KILL', extra = ''): string {
  return `cd ${shq(p.dir)} 2>/dev/null && { kill -${signal} -- -"$(cat pid)" 2>/dev/null; ${extra} true; }`;
}

export function removeCommand(p: RemoteJobPaths): string {
  return `rm -rf -- ${shq(p.dir)}`;
}
