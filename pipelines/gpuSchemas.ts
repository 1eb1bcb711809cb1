import { z } from 'zod';
import { ERROR_CODES, JobSpec } from '../core/contract';
import { AudioParams, ImageParams, VideoParams } from '../core/previewParams';
import { LoraTrainingParams } from './lora/params';

/**
 * What the Python pipelines carry as JSON, derived here from the zod shapes that define it, so a
 * test can check each copy is current: pipelines/common/bmad_pipeline/contract.json (the JobSpec
 * schema and error codes of core/contract.ts) and each GPU manifest's `params` (the preview
 * pipeline's params of its kind: a GPU pipeline takes the same params as the preview one).
 * `npx tsx scripts/writeGpuSchemas.ts` rewrites them after a change to those shapes.
 */

export const GPU_PARAMS = {
  image: ImageParams,
  video: VideoParams,
  audio: AudioParams,
  training: LoraTrainingParams,
} as const satisfies Record<string, z.ZodType>;
export type GpuModality = keyof typeof GPU_PARAMS;

export const isGpuModality = (m: string): m is GpuModality => Object.prototype.hasOwnProperty.call(GPU_PARAMS, m);

export function gpuParamsSchema(modality: GpuModality): Record<string, unknown> {
  // The input side: what the engine writes into job.json (the same as the output side for these shapes).
  return z.toJSONSchema(GPU_PARAMS[modality], { io: 'input' }) as Record<string, unknown>;
}

export function contractJson(): Record<string, unknown> {
  return {
    $comment: 'Generated from core/contract.ts by scripts/writeGpuSchemas.ts; test/unit/pipelines/gpu.manifests.test.ts checks it.',
    job: z.toJSONSchema(JobSpec),
    errorCodes: [...ERROR_CODES],
  };
}

/** The pipeline folders with a Python pipeline: pipelines/<modality>/<tier>/ and pipelines/lora/. */
export const GPU_PIPELINE_DIRS = [
  'image/low', 'image/standard', 'image/high',
  'video/low', 'video/standard', 'video/high',
  'audio/low', 'audio/standard', 'audio/high',
  'lora',
] as const;
