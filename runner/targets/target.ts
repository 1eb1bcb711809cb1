import type { JobResult, JobSpec, ProgressLine } from '../../core/contract';
import type { PipelineRef } from '../../core/contract';
import type { PipelineBackend, PipelineManifest } from '../../core/pipelineManifest';

/**
 * Where a job runs. Targets differ only in how they move files and start the pipeline; the engine
 * hands each one a validated JobSpec and a local work folder, and gets back a JobResult. They never
 * throw for a pipeline failure: that is a `{ ok: false, error }` result, so retries and messages are
 * decided in one place.
 */
export interface JobIo {
  /** The job's own folder on this machine: job.json and result.json live here. */
  readonly dir: string;
  /** Input files named as in `job.inputs` (read-only hard links into the cache). */
  readonly inputsDir: string;
  /** Where the pipeline's outputs must end up, named as result.json lists them. */
  readonly outputsDir: string;
  /** Append-only log of the run (pipeline stderr, logs, bad progress lines). */
  readonly logFile: string;
}

/** A GPU a target reported (nvidia-smi over SSH or Docker, /system_stats for ComfyUI). */
export interface Gpu {
  readonly name: string;
  readonly vramGb: number;
}

/** What a target says about itself when asked (Test Connection, the router, the Hosts view). */
export interface TargetReport {
  readonly gpus: readonly Gpu[];
  /** Pipeline backends it runs (core/pipelineManifest.ts PIPELINE_BACKENDS). */
  readonly backends: readonly PipelineBackend[];
}

/** How a run tells the engine where the job now lives, so a restarted engine can reattach. */
export type OnPlaced = (handle: string) => void;

export interface Target {
  readonly id: string;
  /**
   * The kind of pipeline it runs (its probe says whether it can right now). Known without asking, so a
   * plan prefers the pipelines of configured targets before any host is reached.
   */
  readonly backend: PipelineBackend;
  /** How many jobs it runs at once. */
  readonly concurrency: number;
  /**
   * Runs the job to its end. `onPlaced`, when given, is called once the job lives somewhere that
   * outlives this process (container id, remote job id, ComfyUI prompt id); the engine journals it.
   */
  run(job: JobSpec, io: JobIo, signal: AbortSignal, onProgress: (line: ProgressLine) => void, onPlaced?: OnPlaced): Promise<JobResult>;
  /**
   * Follows a job a previous engine placed (`handle` from onPlaced) to its end, collecting its outputs
   * into `io` as run() would; undefined when the target no longer knows that job (then it runs again).
   */
  reattach?(handle: string, job: JobSpec, io: JobIo, signal: AbortSignal, onProgress: (line: ProgressLine) => void): Promise<JobResult | undefined>;
  /** Asks the target what it has; throws a located, human message when it cannot be reached. */
  probe?(signal: AbortSignal): Promise<TargetReport>;
  /** Closes connections and watchers; the target is not used after. */
  dispose?(): void | Promise<void>;
}

export const internalError = (message: string): JobResult => ({ ok: false, error: { code: 'INTERNAL', message } });

/**
 * What the engine gives every configured target when it makes it: each target module exports
 * `create<Type>Target(config, env)` (docker, ssh, comfyui, wan2gp) and the router builds the map.
 */
export interface TargetEnv {
  /** The manifest of a pipeline; throws, naming it, when the registry has no such id and version. */
  manifest(ref: PipelineRef): PipelineManifest;
  /** Where a line for the user's log goes (the output channel in VS Code, stderr in the CLI). */
  log(line: string): void;
}
