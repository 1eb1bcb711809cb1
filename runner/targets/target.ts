import type { JobResult, JobSpec, ProgressLine } from '../../core/contract';

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

export interface Target {
  readonly id: string;
  /** How many jobs it runs at once. */
  readonly concurrency: number;
  run(job: JobSpec, io: JobIo, signal: AbortSignal, onProgress: (line: ProgressLine) => void): Promise<JobResult>;
}

export const internalError = (message: string): JobResult => ({ ok: false, error: { code: 'INTERNAL', message } });
