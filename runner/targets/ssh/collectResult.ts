import fs from 'node:fs';
import path from 'node:path';
import { JobResult } from '../../../core/contract';
import { internalError, type JobIo } from '../target';
import type { FollowEnd } from './followJob';
import { removeCommand, type RemoteJobPaths } from './remoteJob';
import type { Session } from './sshHost';

/**
 * After a job ended on the host: its stderr into the local log, result.json read and checked against
 * the contract, each output downloaded and checked against the sha256 the host computed, and the job
 * folder removed (the input cache stays).
 */

/** Downloads `names` from `remoteDir` into `localDir`, each checked against the hash the host computed. */
export async function downloadChecked(
  s: Session,
  remoteDir: string,
  names: readonly string[],
  hashes: ReadonlyMap<string, string>,
  localDir: string,
): Promise<void> {
  for (const name of names) {
    const sha = hashes.get(name);
    if (!sha) throw new Error(`the host has no output ${name} in ${remoteDir}`);
    await s.files.download(`${remoteDir}/${name}`, path.join(localDir, name), sha);
  }
}

export const cancelled = (who: string): JobResult => ({
  ok: false,
  error: { code: 'INTERRUPTED', message: `${who} was cancelled` },
});

/** Appends the job's stderr on the host to the local log; returns its last lines for messages. */
export async function copyStderr(s: Session, paths: RemoteJobPaths, logFile: string): Promise<string> {
  const text = await s.files.readText(`${paths.dir}/stderr.log`).catch(() => '');
  if (text) fs.appendFileSync(logFile, text.endsWith('\n') ? text : `${text}\n`);
  return text.trimEnd().split('\n').slice(-4).map((l) => l.trim()).join(' | ').slice(-600);
}

export async function removeRemoteJob(s: Session, paths: RemoteJobPaths): Promise<void> {
  await s.conn.exec(removeCommand(paths)).catch(() => undefined);
}

/** The JobResult of a contract pipeline that ended (or was cancelled, or died) on the host. */
export async function collectContractResult(
  s: Session,
  paths: RemoteJobPaths,
  end: FollowEnd,
  io: Pick<JobIo, 'outputsDir' | 'logFile'>,
  who: string,
): Promise<JobResult> {
  const { outputsDir, logFile } = io;
  const tail = await copyStderr(s, paths, logFile);
  const why = tail ? `: ${tail}` : '';
  if (end.cancelled) return cancelled(who);
  if (end.kind === 'gone') return internalError(`${who}: its folder on the host (${paths.dir}) is gone`);
  if (end.kind !== 'exited') {
    const how = 'without an exit status (killed, or the host restarted)';
    return internalError(`${who}: the job died on the host ${how}${why} (log: ${logFile})`);
  }
  let raw: string;
  try {
    raw = await s.files.readText(`${paths.outputs}/result.json`);
  } catch {
    return internalError(`${who}: the pipeline ended (code ${end.code}) without result.json${why} (log: ${logFile})`);
  }
  let parsed;
  try {
    parsed = JobResult.safeParse(JSON.parse(raw));
  } catch (e) {
    return internalError(`${who}: result.json is not JSON (${(e as Error).message})`);
  }
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    return internalError(`${who}: result.json does not follow the contract (${issues})`);
  }
  const result = parsed.data;
  if (!result.ok) return result;
  if (end.code !== 0) return internalError(`${who}: result.json says ok but the pipeline ended with code ${end.code}`);
  try {
    await downloadChecked(s, paths.outputs, result.outputs.map((o) => o.name), end.hashes, outputsDir);
  } catch (e) {
    return internalError(`${who}: ${(e as Error).message}`);
  }
  return result;
}
