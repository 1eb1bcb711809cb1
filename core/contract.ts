import { z } from 'zod';
import { Tier } from './ports';

/**
 * The pipeline contract: how the engine hands a job to a pipeline and reads back what happened.
 * Every target (embedded preview, docker, ssh, comfyui) speaks it, so the engine never needs to know
 * which one ran a job. A pipeline reads `job.json`, writes its outputs into the outputs folder and
 * `result.json`, and prints JSON lines on stdout while it works.
 */

/** Pixel size and frame rate of each tier. */
export const TIER_FORMATS = {
  low: { width: 854, height: 480, fps: 12 },
  standard: { width: 1280, height: 720, fps: 24 },
  high: { width: 1920, height: 1080, fps: 24 },
} as const satisfies Record<Tier, { width: number; height: number; fps: number }>;

export const PipelineRef = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/),
  version: z.number().int().positive(),
});
export type PipelineRef = z.infer<typeof PipelineRef>;

/** A file the job reads, relative to the inputs folder (`/inputs` in a container). */
export const JobInput = z.strictObject({
  name: z.string().regex(/^[\w.-]+$/),
  /** Which port or role it fills, e.g. `image`, `clip:3`, `dialogue:2`. */
  role: z.string().max(80),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type JobInput = z.infer<typeof JobInput>;

export const JobSpec = z.strictObject({
  contract: z.literal(1),
  /** The job key: sha256 of everything the output depends on (core/jobkey.ts). */
  key: z.string().regex(/^[0-9a-f]{64}$/),
  pipeline: PipelineRef,
  tier: Tier,
  format: z.strictObject({ width: z.number().int().positive(), height: z.number().int().positive(), fps: z.number().positive() }),
  node: z.strictObject({ id: z.string(), kind: z.string(), label: z.string() }),
  seed: z.number().int().min(0).max(0xffffffff),
  /** The node's params with everything upstream resolved into them (shot, characters, style, timing). */
  params: z.record(z.string(), z.unknown()),
  inputs: z.array(JobInput),
});
export type JobSpec = z.infer<typeof JobSpec>;

export const ProgressLine = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('progress'), value: z.number().nonnegative(), max: z.number().positive(), stage: z.string().optional() }),
  z.strictObject({ type: z.literal('log'), level: z.enum(['debug', 'info', 'warn', 'error']).default('info'), message: z.string() }),
  z.strictObject({ type: z.literal('preview'), file: z.string() }),
]);
export type ProgressLine = z.infer<typeof ProgressLine>;

export const ERROR_CODES = ['MISSING_WEIGHTS', 'OUT_OF_MEMORY', 'BAD_PARAMS', 'BAD_INPUT', 'INTERRUPTED', 'INTERNAL'] as const;
export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;
/** Failures worth retrying with backoff; the rest fail the node at once. */
export const TRANSIENT_ERRORS: readonly ErrorCode[] = ['OUT_OF_MEMORY', 'INTERRUPTED'];

export const OutputFile = z.strictObject({
  /** File name inside the outputs folder. */
  name: z.string().regex(/^[\w.-]+$/),
  /** What it is: `image`, `video`, `audio`, `subtitles`, `contact-sheet`, … */
  role: z.string().max(80),
  mime: z.string(),
});
export type OutputFile = z.infer<typeof OutputFile>;

export const JobResult = z.union([
  z.strictObject({ ok: z.literal(true), outputs: z.array(OutputFile).min(1), meta: z.record(z.string(), z.unknown()).optional() }),
  z.strictObject({ ok: z.literal(false), error: z.strictObject({ code: ErrorCode, message: z.string() }) }),
]);
export type JobResult = z.infer<typeof JobResult>;
