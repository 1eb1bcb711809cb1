import { z } from 'zod';

/**
 * How the engine talks to a long-lived preview worker (`preview.js --worker`): one JSON object per
 * line, engine → worker on its stdin, worker → engine on its stdout. A worker runs one job at a time;
 * the job itself still follows the pipeline contract (core/contract.ts): job.json in, outputs and
 * result.json out, progress lines, which the worker forwards wrapped with the job's id.
 */

export const WORKER_PROTOCOL = 1;

const JobId = z.number().int().nonnegative();

export const ToWorker = z.discriminatedUnion('type', [
  /** Run the job whose folder is `dir` (absolute). Sent only to a worker that is idle. */
  z.strictObject({ type: z.literal('run'), id: JobId, dir: z.string().min(1) }),
  /** Stop job `id`: its ffmpeg and speech children get SIGTERM; ignored when that job already ended. */
  z.strictObject({ type: z.literal('cancel'), id: JobId }),
]);
export type ToWorker = z.infer<typeof ToWorker>;

export const FromWorker = z.discriminatedUnion('type', [
  /** First message: the worker is loaded and reads requests. */
  z.strictObject({ type: z.literal('ready'), protocol: z.literal(WORKER_PROTOCOL) }),
  /** A progress line of job `id`, checked against ProgressLine by the engine (a bad one is logged). */
  z.strictObject({ type: z.literal('line'), id: JobId, line: z.unknown() }),
  /** Job `id` ended; `code` is what `preview.js <jobDir>` would exit with (0, 1, 143). */
  z.strictObject({ type: z.literal('done'), id: JobId, code: z.number().int() }),
]);
export type FromWorker = z.infer<typeof FromWorker>;

/** A worker message from one line of its stdout, or undefined for anything else (logged, never fatal). */
export function parseFromWorker(line: string): FromWorker | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const r = FromWorker.safeParse(JSON.parse(line));
    return r.success ? r.data : undefined;
  } catch {
    return undefined;
  }
}
