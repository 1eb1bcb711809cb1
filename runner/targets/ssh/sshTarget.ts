import fs from 'node:fs';
import { ProgressLine, type JobResult, type JobSpec } from '../../../core/contract';
import { nodeName } from '../../../core/nodeNames';
import type { SshTargetConfig } from '../../../core/targetConfig';
import { internalError, type JobIo, type OnPlaced, type Target, type TargetEnv, type TargetReport } from '../target';
import { collectContractResult, removeRemoteJob } from './collectResult';
import { followJob } from './followJob';
import { parseProbe, probeCommand, type HostFacts } from './gpuProbe';
import { refuseUnverified, type VerifyHost } from './hostKeys';
import { containerCommand, containerStop, envPrefix, processCommand } from './jobCommand';
import { findPipelineProgram, type PipelineProgram } from './pipelineProgram';
import { placeJob } from './placeJob';
import { REMOTE_JOB_ID, newRemoteJobId, remoteJobPaths } from './remoteJob';
import { SshHost } from './sshHost';
import type { PassphraseProvider } from './sshConnection';

/**
 * The ssh target (issue 8 §4): contract pipelines on a remote host, in Docker or as plain processes.
 * Inputs go up by content (what the host has is not sent again), the job runs detached so a dropped
 * connection or a restarted engine reattaches to it by its id, outputs come down checked by sha256.
 */

export interface SshTargetDeps {
  /** Asked about an unknown or changed host key (VS Code asks the person); default: refuse. */
  readonly verifyHost?: VerifyHost;
  /** An encrypted key's passphrase; default: $BMAD_SSH_PASSPHRASE, else none. */
  readonly passphrase?: PassphraseProvider;
  readonly agentSocket?: string;
  /**
   * Environment on the host for the job's command: the pipeline's as a plain process (the tests choose
   * the stand-in model layer), the docker CLI's in Docker (DOCKER_HOST), never the container's.
   */
  readonly remoteEnv?: Readonly<Record<string, string>>;
  /** Where a plain-process pipeline's files are found; default: the pipelines folder by manifest. */
  readonly program?: (job: JobSpec) => PipelineProgram;
  /** Between TERM and KILL on cancel. */
  readonly graceMs?: number;
}

export interface SshTarget extends Target {
  readonly host: SshHost;
  /** What the host has, asked once per target (Test Connection asks again with probe()). */
  facts(): Promise<HostFacts>;
  reattach: NonNullable<Target['reattach']>;
  probe: NonNullable<Target['probe']>;
  dispose(): void;
}

const envPassphrase: PassphraseProvider = async () => process.env.BMAD_SSH_PASSPHRASE || undefined;

export function createSshTarget(config: SshTargetConfig, env: TargetEnv, deps: SshTargetDeps = {}): SshTarget {
  for (const name of Object.keys(deps.remoteEnv ?? {})) {
    if (!/^[A-Z_][A-Z0-9_]*$/.test(name)) throw new Error(`ssh target "${config.id}": ${name} is not an environment variable name`);
  }
  const host = new SshHost(config, { verifyHost: deps.verifyHost ?? refuseUnverified, passphrase: deps.passphrase ?? envPassphrase, ...(deps.agentSocket ? { agentSocket: deps.agentSocket } : {}) }, env.log);
  const graceMs = deps.graceMs ?? 5000;
  let facts: Promise<HostFacts> | undefined;

  const askFacts = async (): Promise<HostFacts> => {
    const s = await host.session();
    return parseProbe(await s.conn.run(probeCommand(envPrefix(deps.remoteEnv ?? {})), 'asking the host for its GPUs'));
  };
  const cachedFacts = (): Promise<HostFacts> => {
    facts ??= askFacts().catch((e: unknown) => {
      facts = undefined;
      throw e;
    });
    return facts;
  };

  /** Follows a placed job to its end and collects it: the same for run and reattach. */
  const finish = async (job: JobSpec, io: JobIo, id: string, signal: AbortSignal, onProgress: (l: ProgressLine) => void): Promise<JobResult> => {
    const who = `job ${nodeName(job.node)}`;
    const paths = remoteJobPaths((await host.session()).files.workDir, id);
    const onLine = (line: string): void => {
      let parsed;
      try {
        parsed = ProgressLine.safeParse(JSON.parse(line));
      } catch {
        parsed = undefined;
      }
      if (parsed?.success) onProgress(parsed.data);
      else if (line.trim()) fs.appendFileSync(io.logFile, `${line}\n`);
    };
    const end = await followJob(host, paths, { signal, onLine, graceMs, log: env.log, ...(config.run === 'docker' ? { stopExtra: containerStop(id, deps.remoteEnv) } : {}) });
    if (end.kind === 'unreachable') return { ok: false, error: { code: 'INTERRUPTED', message: `${who} was cancelled, but ${end.message}: job ${id} may still run there` } };
    const s = await host.reconnect(new AbortController().signal);
    const result = await collectContractResult(s, paths, end, io.outputsDir, io.logFile, who);
    if (end.kind !== 'gone') await removeRemoteJob(s, paths);
    return result;
  };

  const target: SshTarget = {
    id: config.id,
    concurrency: config.concurrency,
    host,
    facts: cachedFacts,

    async run(job: JobSpec, io: JobIo, signal: AbortSignal, onProgress: (l: ProgressLine) => void, onPlaced?: OnPlaced): Promise<JobResult> {
      const who = `job ${nodeName(job.node)}`;
      if (signal.aborted) return { ok: false, error: { code: 'INTERRUPTED', message: `${who} was cancelled` } };
      const id = newRemoteJobId(job.key);
      try {
        const s = await host.reconnect(signal);
        const paths = remoteJobPaths(s.files.workDir, id);
        let command: string;
        let program: PipelineProgram | undefined;
        if (config.run === 'docker') {
          const image = env.manifest(job.pipeline).image;
          if (!image) return internalError(`${who}: pipeline ${job.pipeline.id}@${job.pipeline.version} names no image to run in Docker`);
          const { gpus, docker } = await cachedFacts();
          if (!docker) return internalError(`${who}: ${host.who} is set to run jobs in Docker, but Docker does not answer on ${config.host} (set "run": "process" for a host without it)`);
          command = containerCommand(config, { image, jobId: id, jobKey: job.key, gpus: gpus.length > 0 }, deps.remoteEnv);
        } else {
          program = (deps.program ?? ((j: JobSpec) => findPipelineProgram(j.pipeline)))(job);
          command = processCommand(config, program.entry, deps.remoteEnv ?? {});
        }
        await placeJob(s, paths, { job, inputsDir: io.inputsDir, command, ...(program ? { program: program.files } : {}) });
      } catch (e) {
        return internalError(`${who}: ${(e as Error).message}`);
      }
      onPlaced?.(id);
      try {
        return await finish(job, io, id, signal, onProgress);
      } catch (e) {
        return internalError(`${who}: ${(e as Error).message} (job ${id} on ${config.host})`);
      }
    },

    async reattach(handle: string, job: JobSpec, io: JobIo, signal: AbortSignal, onProgress: (l: ProgressLine) => void): Promise<JobResult | undefined> {
      if (!REMOTE_JOB_ID.test(handle)) return undefined;
      const s = await host.reconnect(signal);
      if (!(await s.files.exists(remoteJobPaths(s.files.workDir, handle).dir))) return undefined;
      try {
        return await finish(job, io, handle, signal, onProgress);
      } catch (e) {
        return internalError(`job ${nodeName(job.node)}: ${(e as Error).message} (job ${handle} on ${config.host})`);
      }
    },

    async probe(): Promise<TargetReport> {
      facts = undefined;
      const { gpus, docker } = await cachedFacts();
      if (config.run === 'docker' && !docker) env.log(`${host.who}: Docker does not answer on ${config.host}; it runs no container jobs`);
      return { gpus, backends: config.run === 'process' || docker ? ['container'] : [] };
    },

    dispose(): void {
      host.dispose();
    },
  };
  return target;
}
