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

/**
 * Starts run.sh in its own session and prints its pid once it has written it. Only the first of
 * several starts (a start sent again after a dropped connection) runs it: `mkdir started` is atomic.
 */
export function startCommand(p: RemoteJobPaths): string {
  return (
    `cd ${shq(p.dir)} && { if mkdir started 2>/dev/null; then ` +
    '(setsid sh run.sh </dev/null >/dev/null 2>&1 &); fi; } && ' +
    'i=0; while [ ! -s pid ] && [ $i -lt 400 ]; do sleep 0.05; i=$((i+1)); done; cat pid'
  );
}

/** How a followed job ended, with the sha256 of each file in its outputs folder when it exited. */
export type RemoteEnd =
  | { readonly kind: 'exited'; readonly code: number; readonly hashes: ReadonlyMap<string, string> }
  /** The folder is there but nothing runs and no status was written: SIGKILL, or the host restarted. */
  | { readonly kind: 'dead' }
  /** No such job folder: never placed here, or already collected. */
  | { readonly kind: 'gone' };

const END = 'BMAD-END';
const HASH = 'BMAD-HASH';

/**
 * One command that follows a job to its end: it prints progress.log from byte `offset` as it grows
 * (stdout carries nothing else, so the client's byte count is the offset to resume from after a drop),
 * and once the job is over, on stderr, how it ended and the sha256 of each output. Every command
 * costs a login shell on the host (hundreds of ms with a heavy ~/.bashrc), so this is one, not a poll.
 */
export function followCommand(p: RemoteJobPaths, offset: number): string {
  return [
    `cd ${shq(p.dir)} 2>/dev/null || { echo '${END} gone' >&2; exit 0; }`,
    `p=$(cat pid 2>/dev/null); n=${offset}`,
    'flush() { s=$(wc -c <progress.log 2>/dev/null || echo 0); if [ "$s" -gt "$n" ]; then ' +
      'tail -c +$((n+1)) progress.log | head -c $((s-n)); n=$s; fi; }',
    // A killed wrapper can linger as a zombie until init reaps it: that is not running.
    `alive() { [ -n "$p" ] && kill -0 "$p" 2>/dev/null && ! grep -qs '^[0-9]* ([^)]*) Z' /proc/"$p"/stat; }`,
    'while [ ! -s exit ] && alive; do flush; sleep 0.1; done',
    'flush',
    `if [ -s exit ]; then echo "${END} exited $(cat exit)" >&2; ` +
      `(cd outputs && for f in *; do [ -f "$f" ] && sha256sum -- "$f"; done) | sed 's/^/${HASH} /' >&2; ` +
      `else echo '${END} dead' >&2; fi`,
  ].join('\n');
}

/** How the job ended, from followCommand's stderr; undefined if it did not get that far. */
export function parseEnd(stderr: string): RemoteEnd | undefined {
  const lines = stderr.split('\n');
  const end = lines.find((l) => l.startsWith(`${END} `))?.slice(END.length + 1).trim().split(/\s+/);
  if (!end) return undefined;
  if (end[0] === 'gone') return { kind: 'gone' };
  if (end[0] === 'dead') return { kind: 'dead' };
  const code = Number(end[1]);
  if (end[0] !== 'exited' || !Number.isInteger(code)) return undefined;
  const hashes = new Map<string, string>();
  for (const l of lines) {
    const m = new RegExp(`^${HASH} ([0-9a-f]{64}) [ *](.+)$`).exec(l);
    if (m?.[1] && m[2]) hashes.set(m[2], m[1]);
  }
  return { kind: 'exited', code, hashes };
}

/** Signals the job's whole process group; `extra` stops what runs outside it (a container). */
export function signalCommand(p: RemoteJobPaths, signal: 'TERM' | 'KILL', extra = ''): string {
  return `cd ${shq(p.dir)} 2>/dev/null && { kill -${signal} -- -"$(cat pid)" 2>/dev/null; ${extra} true; }`;
}

export function removeCommand(p: RemoteJobPaths): string {
  return `rm -rf -- ${shq(p.dir)}`;
}
