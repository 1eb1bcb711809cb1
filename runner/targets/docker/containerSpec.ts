import type { ContainerCreateOptions } from 'dockerode';
import type { JobSpec } from '../../../core/contract';
import type { DockerTargetConfig } from '../../../core/targetConfig';

/**
 * The container one job runs in: the pipeline contract's folders (/job, /inputs, /models read-only,
 * /outputs writable), no network, a non-root user, limits, and labels that let a restarted engine
 * find it again. Pure, so the exact request is testable without a daemon.
 */

/** Labels on every job container: the job it runs and where, so reattach can check what it finds. */
export const LABELS = {
  key: 'bmad.job.key',
  node: 'bmad.job.node',
  pipeline: 'bmad.job.pipeline',
  target: 'bmad.target',
  run: 'bmad.run',
} as const;

/** The uid:gid pipelines run as; the outputs folder on the host must be writable by it. */
export const JOB_USER = { uid: 1000, gid: 1000 } as const;

/** Every GPU, as `docker run --gpus all` asks for them. */
export const ALL_GPUS = { Driver: '', Count: -1, DeviceIDs: [], Capabilities: [['gpu']], Options: {} };

/** Enough for Python, a model loader and its worker threads; a fork bomb stops here. */
const PIDS_LIMIT = 512;

export interface JobFolders {
  readonly job: string;
  readonly inputs: string;
  readonly outputs: string;
}

export interface ContainerPlan {
  readonly image: string;
  readonly job: JobSpec;
  readonly folders: JobFolders;
  readonly config: Pick<DockerTargetConfig, 'id' | 'modelsDir' | 'limits'>;
  /** The daemon has the NVIDIA runtime: ask for every GPU (what `docker run --gpus all` sends). */
  readonly gpus: boolean;
  /** Which engine run placed it (the job's work folder name, unique per run). */
  readonly run: string;
}

export function containerOptions(p: ContainerPlan): ContainerCreateOptions {
  const { job, folders, config } = p;
  const memory = config.limits.memoryMb * 1024 * 1024;
  return {
    Image: p.image,
    User: `${JOB_USER.uid}:${JOB_USER.gid}`,
    // The image's own WORKDIR and entrypoint stay: a pipeline image may start `python3 pipeline.py`.
    Env: ['PYTHONUNBUFFERED=1', 'HOME=/tmp'],
    Labels: {
      [LABELS.key]: job.key,
      [LABELS.node]: job.node.id,
      [LABELS.pipeline]: `${job.pipeline.id}@${job.pipeline.version}`,
      [LABELS.target]: config.id,
      [LABELS.run]: p.run,
    },
    NetworkDisabled: true,
    AttachStdout: false,
    AttachStderr: false,
    Tty: false,
    HostConfig: {
      Binds: [`${folders.job}:/job:ro`, `${folders.inputs}:/inputs:ro`, `${config.modelsDir}:/models:ro`, `${folders.outputs}:/outputs:rw`],
      NetworkMode: 'none',
      ReadonlyRootfs: true,
      Tmpfs: { '/tmp': 'rw,nosuid,nodev,size=1g' },
      CapDrop: ['ALL'],
      SecurityOpt: ['no-new-privileges'],
      PidsLimit: PIDS_LIMIT,
      Memory: memory,
      // No swap beyond the limit: an out-of-memory job must end as OUT_OF_MEMORY, not crawl.
      MemorySwap: memory,
      NanoCpus: Math.round(config.limits.cpus * 1e9),
      LogConfig: { Type: 'json-file', Config: {} },
      ...(p.gpus ? { DeviceRequests: [ALL_GPUS] } : {}),
    },
  };
}
