import fs from 'node:fs';
import path from 'node:path';
import type { JobResult } from '../../../core/contract';
import { nodeName } from '../../../core/nodeNames';
import type { Wan2gpTargetConfig } from '../../../core/targetConfig';
import { internalError, type JobIo, type Target, type TargetEnv, type TargetReport } from '../target';
import { cancelled, copyStderr } from '../ssh/collectResult';
import type { FollowEnd } from '../ssh/followJob';
import type { RemoteJobPaths } from '../ssh/remoteJob';
import { checkEnvNames, remoteRunner } from '../ssh/remoteRun';
import { hostPath, shq } from '../ssh/shell';
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
    `(cd ${hostPath(config.wgpDir)} && exec env ${vars} ${shq(config.python)} wgp.py ` +
    `--process ${shq(`${paths.dir}/settings.json`)} --output-dir ${shq(paths.outputs)})`
  );
}

async function collect(
  s: Session,
  paths: RemoteJobPaths,
  end: FollowEnd,
  io: JobIo,
  who: string,
  consoleLog: string[],
): Promise<JobResult> {
  const log = `(log: ${io.logFile})`;
  const tail = await copyStderr(s, paths, io.logFile);
  if (end.cancelled) return cancelled(who);
  if (end.kind === 'gone') return internalError(`${who}: its folder on the host (${paths.dir}) is gone`);
  if (end.kind !== 'exited') return internalError(`${who}: Wan2GP died on the host without an exit status ${log}`);
  const text = consoleLog.join('\n');
  if (end.code !== 0) {
    const errors = consoleLog.filter((l) => /\[ERROR\]|\[SKIP\]/.test(l)).slice(-2).join(' | ');
    const said = errors || tail || consoleLog.slice(-2).join(' | ');
    const code = wan2gpFailureCode(`${text}\n${tail}`, end.code);
    return { ok: false, error: { code, message: `${who}: Wan2GP ended with code ${end.code}: ${said} ${log}` } };
  }
  const videos = [...end.hashes.keys()].filter((n) => n.toLowerCase().endsWith('.mp4'));
  if (videos.length !== 1) {
    const found = videos.join(', ') || 'none';
    return internalError(`${who}: Wan2GP wrote ${videos.length} videos (${found}), expected one ${log}`);
  }
  const [video = ''] = videos;
  try {
    const sha = end.hashes.get(video) ?? '';
    await s.files.download(`${paths.outputs}/${video}`, path.join(io.outputsDir, OUTPUT.name), sha);
  } catch (e) {
    return internalError(`${who}: ${(e as Error).message}`);
  }
  return { ok: true, outputs: [OUTPUT], meta: { wan2gp: { file: video } } };
}

export function createWan2gpTarget(
  config: Wan2gpTargetConfig,
  env: TargetEnv,
  ssh: SshTarget,
  deps: Wan2gpDeps = {},
): Target {
  const self = `wan2gp target "${config.id}"`;
  if (ssh.id !== config.via) throw new Error(`${self}: runs via "${config.via}", was given ssh target "${ssh.id}"`);
  checkEnvNames(self, deps.env);
  const host = ssh.host;

  const { run, reattach } = remoteRunner<string[]>({
    host,
    graceMs: deps.graceMs ?? 10_000,
    log: env.log,
    async prepare(_s, job, _io, paths) {
      let settings;
      try {
        settings = wan2gpSettings(job, paths.inputs);
      } catch (e) {
        const message = `job ${nodeName(job.node)}: ${(e as Error).message}`;
        return { ok: false, error: { code: 'BAD_PARAMS', message } };
      }
      const texts = { 'settings.json': JSON.stringify(settings, null, 2) + '\n' };
      return { texts, command: wgpCommand(config, paths, deps.env ?? {}) };
    },
    follower(_job, io, onProgress) {
      const consoleLog: string[] = [];
      const onLine = (line: string): void => {
        const progress = wan2gpProgress(line);
        if (progress) return onProgress(progress);
        consoleLog.push(line);
        fs.appendFileSync(io.logFile, `${line}\n`);
      };
      return { state: consoleLog, onLine };
    },
    collect,
  });

  return {
    id: config.id,
    backend: 'wan2gp',
    concurrency: config.concurrency,
    run,
    reattach,

    /** The host's GPUs, and `wan2gp` when wgp.py is where the config says. */
    async probe(signal: AbortSignal): Promise<TargetReport> {
      const { gpus } = await ssh.probe(signal);
      const s = await host.session();
      const found = await s.conn.exec(`cd ${hostPath(config.wgpDir)} && test -f wgp.py`);
      if (found.code !== 0) {
        env.log(`${self}: no wgp.py in ${config.wgpDir} on ${host.config.host} (install Wan2GP there)`);
      }
      return { gpus, backends: found.code === 0 ? ['wan2gp'] : [] };
    },
  };
}
