import fs from 'node:fs';
import { ProgressLine, type JobSpec } from '../../../core/contract';
import { nodeName } from '../../../core/nodeNames';
import type { SshTargetConfig } from '../../../core/targetConfig';
import { internalError, type Target, type TargetEnv, type TargetReport } from '../target';
import { collectContractResult } from './collectResult';
import { parseProbe, probeCommand, type HostFacts } from './gpuProbe';
import { refuseUnverified, type VerifyHost } from './hostKeys';
import { containerCommand, containerStop, envPrefix, processCommand } from './jobCommand';
import { findPipelineProgram, type PipelineProgram } from './pipelineProgram';
import { checkEnvNames, remoteRunner } from './remoteRun';
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
  reattach: NonNullable<Target['reattach']>;
  probe: NonNullable<Target['probe']>;
  dispose(): void;
}

const envPassphrase: PassphraseProvider = async () => process.env.BMAD_SSH_PASSPHRASE || undefined;

/** Each stdout line of a contract pipeline: a progress line, or noise for the job's log. */
function contractLine(logFile: string, onProgress: (line: ProgressLine) => void): (line: string) => void {
  return (line) => {
    let parsed;
    try {
      parsed = ProgressLine.safeParse(JSON.parse(line));
    } catch {
      parsed = undefined;
    }
    if (parsed?.success) onProgress(parsed.data);
    else if (line.trim()) fs.appendFileSync(logFile, `${line}\n`);
  };
}

export function createSshTarget(config: SshTargetConfig, env: TargetEnv, deps: SshTargetDeps = {}): SshTarget {
  checkEnvNames(`ssh target "${config.id}"`, deps.remoteEnv);
  const remoteEnv = deps.remoteEnv ?? {};
  const connectDeps = {
    verifyHost: deps.verifyHost ?? refuseUnverified,
    passphrase: deps.passphrase ?? envPassphrase,
    ...(deps.agentSocket ? { agentSocket: deps.agentSocket } : {}),
  };
  const host = new SshHost(config, connectDeps, env.log);
  let facts: Promise<HostFacts> | undefined;
  /** What the host has, asked once per target (probe() asks again). */
  const hostFacts = (): Promise<HostFacts> => {
    facts ??= host
      .session()
      .then(async (s) => s.conn.run(probeCommand(envPrefix(remoteEnv)), 'asking the host what it has'))
      .then(parseProbe)
      .catch((e: unknown) => {
        facts = undefined;
        throw e;
      });
    return facts;
  };
  const program = deps.program ?? ((job: JobSpec) => findPipelineProgram(job.pipeline));

  const { run, reattach } = remoteRunner({
    host,
    graceMs: deps.graceMs ?? 5000,
    log: env.log,
    async prepare(_s, job, _io, paths) {
      if (config.run === 'process') {
        const p = program(job);
        return { program: p.files, command: processCommand(config, p.entry, remoteEnv) };
      }
      const who = `job ${nodeName(job.node)}`;
      const image = env.manifest(job.pipeline).image;
      const { id, version } = job.pipeline;
      if (!image) return internalError(`${who}: pipeline ${id}@${version} names no image to run in Docker`);
      const { gpus, docker } = await hostFacts();
      if (!docker) {
        return internalError(
          `${who}: ${host.who} is set to run jobs in Docker, but Docker does not answer on ${config.host} ` +
            '(set "run": "process" for a host without it)',
        );
      }
      const container = { image, jobId: paths.id, jobKey: job.key, gpus: gpus.length > 0 };
      return { command: containerCommand(config, container, remoteEnv) };
    },
    follower: (_job, io, onProgress) => ({ state: undefined, onLine: contractLine(io.logFile, onProgress) }),
    ...(config.run === 'docker' ? { stopExtra: (id: string) => containerStop(id, remoteEnv) } : {}),
    collect: (s, paths, end, io, who) => collectContractResult(s, paths, end, io, who),
  });

  return {
    id: config.id,
    backend: 'container',
    concurrency: config.concurrency,
    host,
    run,
    reattach,
    async probe(): Promise<TargetReport> {
      facts = undefined;
      const { gpus, docker } = await hostFacts();
      if (config.run === 'docker' && !docker) {
        env.log(`${host.who}: Docker does not answer on ${config.host}; it runs no container jobs`);
      }
      return { gpus, backends: config.run === 'process' || docker ? ['container'] : [] };
    },
    dispose: () => host.dispose(),
  };
}
