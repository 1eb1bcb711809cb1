import { z } from 'zod';
import { Tier } from '../core/ports';

/**
 * What a pipeline declares about itself: the engine routes a job to a host whose VRAM fits, and the
 * manifest's version is part of every job key. Preview pipelines run on the CPU (vramGb 0); GPU
 * entries marked `placeholder` name what a later issue will build and must never be routed to.
 */
export const PipelineOutput = z.strictObject({ name: z.string(), role: z.string(), mime: z.string(), when: z.string().optional() });

export const PipelineManifest = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/),
  version: z.number().int().positive(),
  status: z.enum(['ready', 'placeholder']),
  modality: z.enum(['image', 'video', 'audio', 'edit', 'output']),
  /** The node kind it renders. */
  node: z.enum(['image', 'video', 'audio', 'edit', 'output']),
  tiers: z.array(Tier).min(1),
  vramGb: z.number().min(0),
  target: z.enum(['local', 'docker', 'ssh', 'comfyui']),
  /** Where its params are defined, and the files it reads from inputs/. */
  reads: z.strictObject({ params: z.string(), inputs: z.array(z.string()) }),
  writes: z.array(PipelineOutput),
  deterministic: z.boolean(),
  model: z.string().optional(),
  notes: z.string().optional(),
});
export type PipelineManifest = z.infer<typeof PipelineManifest>;

export const PreviewManifest = z.strictObject({
  $comment: z.string().optional(),
  program: z.string(),
  pipelines: z.array(PipelineManifest).min(1),
});
