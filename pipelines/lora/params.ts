import { z } from 'zod';

/**
 * The params of the LoRA training pipeline (pipelines/lora, its contract in pipelines/README.md):
 * a character's reference images with captions in, one LoRA `.safetensors` out, for the base model
 * of the image tier that will load it (sd15: image.low; flux-dev: image.standard and image.high).
 */
const InputName = z.string().regex(/^[\w.-]+$/);

export const LoraTrainingParams = z.strictObject({
  /** The character's name, for logs and the LoRA's metadata. */
  character: z.string().min(1),
  /** A rare token the captions use for the character; image pipelines add it to their prompt. */
  trigger: z.string().regex(/^[a-z][a-z0-9_]{2,31}$/),
  base: z.enum(['sd15', 'flux-dev']),
  /** Training images (inputs) with their captions; at least 4 for a usable likeness. */
  images: z.array(z.strictObject({ input: InputName, caption: z.string().min(1) })).min(4).max(200),
  rank: z.number().int().min(4).max(128),
  steps: z.number().int().min(50).max(10000),
  learningRate: z.number().positive().max(0.01),
  /** Side of the square training crops, px. */
  resolution: z.union([z.literal(512), z.literal(768), z.literal(1024)]),
});
export type LoraTrainingParams = z.infer<typeof LoraTrainingParams>;
