import { GraphBuilder, type ApiGraph, type Link } from './graph';
import { workingSize, type ImageGraphJob } from './job';
import { MODELS } from './models';
import { imageNegative, imagePrompt } from './prompt';

/**
 * Image graphs per tier. Each ends in ImageScale to the tier's exact size and one SaveImage, whose
 * single PNG is the job's `image` output.
 */

/** Each character's LoRA, chained onto the model and its text encoder at full strength. */
function withLoras(g: GraphBuilder, loras: readonly string[], model: Link, clip: Link): { model: Link; clip: Link } {
  for (const lora of loras) {
    const l = g.add('LoraLoader', { model, clip, lora_name: lora, strength_model: 1, strength_clip: 1 }, `LoRA ${lora}`);
    model = l.out(0);
    clip = l.out(1);
  }
  return { model, clip };
}

function finish(g: GraphBuilder, job: ImageGraphJob, samples: Link, vae: Link): ApiGraph {
  const decoded = g.add('VAEDecode', { samples, vae });
  const { width, height } = job.format;
  const scaled = g.add('ImageScale', { image: decoded.out(), upscale_method: 'lanczos', width, height, crop: 'center' });
  g.add('SaveImage', { images: scaled.out(), filename_prefix: job.prefix }, 'Keyframe');
  return g.build();
}

/** Low: Stable Diffusion 1.5 at about 512² with the node's own steps and guidance. */
export function sd15Graph(job: ImageGraphJob): ApiGraph {
  const g = new GraphBuilder();
  const ckpt = g.add('CheckpointLoaderSimple', { ckpt_name: MODELS.sd15.file });
  const { model, clip } = withLoras(g, job.loras, ckpt.out(0), ckpt.out(1));
  const positive = g.add('CLIPTextEncode', { text: imagePrompt(job.params), clip }, 'Prompt');
  const negative = g.add('CLIPTextEncode', { text: imageNegative(job.params), clip }, 'Negative prompt');
  const size = workingSize(job.format, 512 * 512);
  const latent = g.add('EmptyLatentImage', { ...size, batch_size: 1 });
  const sampled = g.add('KSampler', {
    model,
    seed: job.seed,
    steps: job.params.steps,
    cfg: job.params.guidance,
    sampler_name: 'dpmpp_2m',
    scheduler: 'karras',
    positive: positive.out(),
    negative: negative.out(),
    latent_image: latent.out(),
    denoise: 1,
  });
  return finish(g, job, sampled.out(), ckpt.out(2));
}

export interface FluxVariant {
  readonly unet: string;
  /** UNETLoader weight_dtype: fp8 halves the transformer's VRAM for the 16 GB tier. */
  readonly weightDtype: 'default' | 'fp8_e4m3fn';
  readonly t5: string;
  readonly steps: number;
  /** FLUX.1-dev's distilled guidance (FluxGuidance); null for schnell, which was trained without it. */
  readonly guidance: number | null;
}

/** Standard FLUX.1-schnell (4 steps, no guidance) and high FLUX.1-dev (28 steps, guidance 3.5). */
export const FLUX_SCHNELL: FluxVariant = {
  unet: MODELS.fluxSchnell.file,
  weightDtype: 'fp8_e4m3fn',
  t5: MODELS.t5Fp8.file,
  steps: 4,
  guidance: null,
};
export const FLUX_DEV: FluxVariant = { unet: MODELS.fluxDev.file, weightDtype: 'default', t5: MODELS.t5Fp16.file, steps: 28, guidance: 3.5 };

export function fluxGraph(variant: FluxVariant, job: ImageGraphJob): ApiGraph {
  const g = new GraphBuilder();
  const unet = g.add('UNETLoader', { unet_name: variant.unet, weight_dtype: variant.weightDtype });
  const clips = g.add('DualCLIPLoader', { clip_name1: MODELS.clipL.file, clip_name2: variant.t5, type: 'flux' });
  const vae = g.add('VAELoader', { vae_name: MODELS.fluxVae.file });
  const { model, clip } = withLoras(g, job.loras, unet.out(), clips.out());
  const text = g.add('CLIPTextEncode', { text: imagePrompt(job.params), clip }, 'Prompt');
  const guided = variant.guidance === null ? null : g.add('FluxGuidance', { conditioning: text.out(), guidance: variant.guidance });
  const positive = guided ?? text;
  // FLUX samples at cfg 1, where the negative is never used; KSampler still needs one.
  const negative = g.add('ConditioningZeroOut', { conditioning: text.out() });
  const latent = g.add('EmptySD3LatentImage', { ...workingSize(job.format, 1024 * 1024), batch_size: 1 });
  const sampled = g.add('KSampler', {
    model,
    seed: job.seed,
    steps: variant.steps,
    cfg: 1,
    sampler_name: 'euler',
    scheduler: 'simple',
    positive: positive.out(),
    negative: negative.out(),
    latent_image: latent.out(),
    denoise: 1,
  });
  return finish(g, job, sampled.out(), vae.out());
}
