import type { SshTargetConfig } from '../../../core/targetConfig';
import { hostPath, shq } from './shell';

/**
 * The command run.sh runs for a contract pipeline on the host (it runs in the job folder): the
 * pipeline's image under Docker with the same policy as the docker target (read-only /job, /inputs
 * and /models, writable /outputs only, no network, uid 1000, no capabilities, limits), or, on a host
 * without Docker, `python3 pipeline.py` with the folders given by the contract's environment variables.
 */


export const containerName = (jobId: string): string => `bmad-${jobId}`;

/** `env K=V … ` before a command: the job's environment on the host (e.g. DOCKER_HOST). */
export function envPrefix(env: Readonly<Record<string, string>>): string {
  const vars = Object.entries(env).map(([k, v]) => `${k}=${shq(v)}`);
  return vars.length ? `env ${vars.join(' ')} ` : '';
}

export interface ContainerOptions {
  readonly image: string;
  readonly jobId: string;
  readonly jobKey: string;
  readonly gpus: boolean;
}

type Env = Readonly<Record<string, string>>;

export function containerCommand(config: SshTargetConfig, o: ContainerOptions, env: Env = {}): string {
  const { memoryMb, cpus } = config.limits;
  return [
    `${envPrefix(env)}docker run --rm`,
    `--name ${containerName(o.jobId)}`,
    `--label bmad.job-key=${o.jobKey}`,
    '--network none --user 1000:1000 --read-only --tmpfs /tmp:rw,nosuid,nodev,size=1g',
    '--cap-drop ALL --security-opt no-new-privileges --pids-limit 512',
    `--memory ${memoryMb}m --cpus ${cpus}`,
    ...(o.gpus ? ['--gpus all'] : []),
    '-v "$PWD/job":/job:ro -v "$PWD/inputs":/inputs:ro',
    `-v ${hostPath(config.modelsDir)}:/models:ro`,
    '-v "$PWD/outputs":/outputs',
    shq(o.image),
  ].join(' ');
}

/** Stops a job's container too: the docker CLI's group getting a signal does not stop the container. */
export const containerStop = (jobId: string, env: Env = {}): { TERM: string; KILL: string } => ({
  TERM: `${envPrefix(env)}docker kill --signal TERM ${containerName(jobId)} >/dev/null 2>&1;`,
  KILL: `${envPrefix(env)}docker rm -f ${containerName(jobId)} >/dev/null 2>&1;`,
});

export function processCommand(config: SshTargetConfig, entry: string, env: Env): string {
  const extra = Object.entries(env).map(([k, v]) => `${k}=${shq(v)}`);
  return [
    'env',
    'BMAD_JOB_DIR="$PWD/job" BMAD_INPUTS_DIR="$PWD/inputs" BMAD_OUTPUTS_DIR="$PWD/outputs"',
    `BMAD_MODELS_DIR=${hostPath(config.modelsDir)}`,
    ...extra,
    `python3 ${shq(`program/${entry}`)}`,
  ].join(' ');
}
