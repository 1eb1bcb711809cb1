import fs from 'node:fs';
import path from 'node:path';
import type { JobResult, JobSpec, ProgressLine } from '../../../core/contract';
import { nodeName } from '../../../core/nodeNames';
import type { Wan2gpTargetConfig } from '../../../core/targetConfig';
import { internalError, type JobIo, type OnPlaced, type Target, type TargetEnv, type TargetReport } from '../target';
import { copyStderr, removeRemoteJob } from '../ssh/collectResult';
import { followJob, type FollowEnd } from '../ssh/followJob';
import { placeJob } from '../ssh/placeJob';
import { REMOTE_JOB_ID, newRemoteJobId, remoteJobPaths, type RemoteJobPaths } from '../ssh/remoteJob';
import { shq } from '../ssh/shell';
import type { Session } from '../ssh/sshHost';
import type { SshTarget } from '../ssh/sshTarget';
import { wan2gpFailureCode, wan2gpProgress, wan2gpSettings } from './wan2gpSettings';

/**
 * Wan2GP on an ssh host (issue 8 §5): the person installs Wan2GP there (its licence forbids bundling
 * it); a video job becomes a settings file run by Wan2GP's headless mode in a job folder that the ssh
 * target lays out, follows, reattaches to and cancels exactly as it does a contract pipeline. Wan2GP
 * does not speak the contract, so this target reads its console for progress and makes the result.
 */

export interface Wan2gpDeps {
  /** Extra environment for wgp.py (CUDA_VISIBLE_DEVICES; the tests' stand-in switches). */
  readonly env?: Readonly<Record<string, string>>;
  readonly graceMs?: number;
}

const OUTPUT = { name: 'clip.mp4', role: 'video', mime: 'video/mp4' } as const;

function wgpCommand(config: Wan2gpTargetConfig, paths: RemoteJobPaths, env: Readonly<Record<string, string>>): string {
  const vars = Object.entries(env).map(([k, v]) => `${k}=${shq(v)}`).join(' ');
  // A subshell, so run.sh's redirections apply to it and land in the job folder.
  return (
    `(cd "$HOME" && cd ${shq(config.wgpDir)} && exec env ${vars} ${shq(config.python)} wgp.py ` +
    `--process ${shq(`${paths.dir}/settings.json`)} --output-dir ${shq(paths.outputs)})`
  );
}

async function collect(s: Session, paths: RemoteJobPaths, end: FollowEnd, io: JobIo, who: string, consoleLog: string[]): Promise<JobResult> {
  const tail = await copyStderr(s, paths, io.logFile);
  if (end.cancelled) return { ok: false, error: { code: 'INTERRUPTED', message: `${who} was cancelled` } };
  if (end.kind === 'gone') return internalError(`${who}: its folder on the host (${paths.dir}) is gone`);
  if (end.kind !== 'exited') return internalError(`${who}: Wan2GP died on the host without an exit status (log: ${io.logFile})`);
  const text = consoleLog.join('\n');
  if (end.code !== 0) {
    const said = consoleLog.filter((l) => /\[ERROR\]|\[SKIP\]/.test(l)).slice(-2).join(' | ') || tail || consoleLog.slice(-2).join(' | ');
    return { ok: false, error: { code: wan2gpFailureCode(`${text}\n${tail}`, end.code), message: `${who}: Wan2GP ended with code ${end.code}: ${said} (log: ${io.logFile})` } };
  }
  const videos = [...end.hashes.keys()].filter((n) => n.toLowerCase().endsWith('.mp4'));
  if (videos.length !== 1) return internalError(`${who}: Wan2GP wrote ${videos.length} videos (${videos.join(', ') || 'none'}), expected one (log: ${io.logFile})`);
  const [video = ''] = videos;
  try {
    await s.files.download(`${paths.outputs}/${video}`, path.join(io.outputsDir, OUTPUT.name), end.hashes.get(video) ?? '');
  } catch (e) {
    return internalError(`${who}: ${(e as Error).message}`);
  }
  return { ok: true, outputs: [OUTPUT], meta: { wan2gp: { file: video } } };
}

export function createWan2gpTarget(config: Wan2gpTargetConfig, env: TargetEnv, ssh: SshTarget, deps: Wan2gpDeps = {}): Target {
  if (ssh.id !== config.via) throw new Error(`wan2gp target "${config.id}": runs via "${config.via}", was given ssh target "${ssh.id}"`);
  for (const name of Object.keys(deps.env ?? {})) {
    if (!/^[A-Z_][A-Z0-9_]*$/.test(name)) throw new Error(`wan2gp target "${config.id}": ${name} is not an environment variable name`);
  }
  const host = ssh.host;
  const graceMs = deps.graceMs ?? 10_000;

  const finish = async (job: JobSpec, io: JobIo, id: string, signal: AbortSignal, onProgress: (l: ProgressLine) => void): Promise<JobResult> => {
    const who = `job ${nodeName(job.node)}`;
    const paths = remoteJobPaths((await host.session()).files.workDir, id);
    const consoleLog: string[] = [];
    const onLine = (line: string): void => {
      const progress = wan2gpProgress(line);
      if (progress) return onProgress(progress);
      consoleLog.push(line);
      fs.appendFileSync(io.logFile, `${line}\n`);
    };
    const end = await followJob(host, paths, { signal, onLine, graceMs, log: env.log });
    if (end.kind === 'unreachable') return { ok: false, error: { code: 'INTERRUPTED', message: `${who} was cancelled, but ${end.message}: job ${id} may still run there` } };
    const s = await host.reconnect(new AbortController().signal);
    const result = await collect(s, paths, end, io, who, consoleLog);
    if (end.kind !== 'gone') await removeRemoteJob(s, paths);
    return result;
  };

  return {
    id: config.id,
    concurrency: config.concurrency,

    async run(job: JobSpec, io: JobIo, signal: AbortSignal, onProgress: (l: ProgressLine) => void, onPlaced?: OnPlaced): Promise<JobResult> {
      const who = `job ${nodeName(job.node)}`;
      if (signal.aborted) return { ok: false, error: { code: 'INTERRUPTED', message: `${who} was cancelled` } };
      const id = newRemoteJobId(job.key);
      try {
        const s = await host.reconnect(signal);
        const paths = remoteJobPaths(s.files.workDir, id);
        let settings;
        try {
          settings = wan2gpSettings(job, paths.inputs);
        } catch (e) {
          return { ok: false, error: { code: 'BAD_PARAMS', message: `${who}: ${(e as Error).message}` } };
        }
        const texts = { 'settings.json': JSON.stringify(settings, null, 2) + '\n' };
        await placeJob(s, paths, { job, inputsDir: io.inputsDir, texts, command: wgpCommand(config, paths, deps.env ?? {}) });
      } catch (e) {
        return internalError(`${who}: ${(e as Error).message}`);
      }
      onPlaced?.(id);
      try {
        return await finish(job, io, id, signal, onProgress);
      } catch (e) {
        return internalError(`${who}: ${(e as Error).message} (job ${id} on ${host.config.host})`);
      }
    },

    async reattach(handle: string, job: JobSpec, io: JobIo, signal: AbortSignal, onProgress: (l: ProgressLine) => void): Promise<JobResult | undefined> {
      if (!REMOTE_JOB_ID.test(handle)) return undefined;
      const s = await host.reconnect(signal);
      if (!(await s.files.exists(remoteJobPaths(s.files.workDir, handle).dir))) return undefined;
      return finish(job, io, handle, signal, onProgress);
    },

    /** The host's GPUs, and `wan2gp` when wgp.py is where the config says. */
    async probe(signal: AbortSignal): Promise<TargetReport> {
      const { gpus } = await ssh.probe(signal);
      const s = await host.session();
      const found = await s.conn.exec(`cd "$HOME" && cd ${shq(config.wgpDir)} && test -f wgp.py`);
      if (found.code !== 0) env.log(`wan2gp target "${config.id}": no wgp.py in ${config.wgpDir} on ${host.config.host} (install Wan2GP there)`);
      return { gpus, backends: found.code === 0 ? ['wan2gp'] : [] };
    },
  };
}
