import { GraphBuilder, type ApiGraph, type Link } from './graph';
import { workingSize, type VideoGraphJob } from './job';
import { MODELS } from './models';
import { videoPrompt } from './prompt';

/**
 * Video graphs per tier: image-to-video from the uploaded keyframe, ending in CreateVideo → SaveVideo
 * (mp4, H.264), whose one file is the job's `video` output. The edit scales clips to the tier's size.
 */

/** The clip's frame rate so that `frames` last the node's duration (CreateVideo takes 1–120 fps). */
const fpsFor = (frames: number, seconds: number): number => Math.min(120, Math.max(1, Math.round((frames / seconds) * 100) / 100));

function save(g: GraphBuilder, job: VideoGraphJob, images: Link, fps: number): ApiGraph {
  const video = g.add('CreateVideo', { images, fps });
  g.add('SaveVideo', { video: video.out(), filename_prefix: job.prefix, format: 'mp4', codec: 'h264' }, 'Clip');
  return g.build();
}

const SVD_FRAMES = 25;

/** Standard: Stable Video Diffusion XT, 25 frames at 1024×576-ish; motion sets the motion bucket. */
export function svdGraph(job: VideoGraphJob): ApiGraph {
  const g = new GraphBuilder();
  const ckpt = g.add('ImageOnlyCheckpointLoader', { ckpt_name: MODELS.svdXt.file });
  const guided = g.add('VideoLinearCFGGuidance', { model: ckpt.out(0), min_cfg: 1 });
  const keyframe = g.add('LoadImage', { image: job.keyframe }, 'Keyframe');
  const cond = g.add('SVD_img2vid_Conditioning', {
    clip_vision: ckpt.out(1),
    init_image: keyframe.out(),
    vae: ckpt.out(2),
    ...workingSize(job.format, 1024 * 576),
    video_frames: SVD_FRAMES,
    motion_bucket_id: Math.round(1 + job.params.motion * 254),
    fps: 6,
    augmentation_level: 0,
  });
  const sampled = g.add('KSampler', {
    model: guided.out(),
    seed: job.seed,
    steps: 20,
    cfg: 2.5,
    sampler_name: 'euler',
    scheduler: 'karras',
    positive: cond.out(0),
    negative: cond.out(1),
    latent_image: cond.out(2),
    denoise: 1,
  });
  const decoded = g.add('VAEDecode', { samples: sampled.out(), vae: ckpt.out(2) });
  return save(g, job, decoded.out(), fpsFor(SVD_FRAMES, job.params.duration));
}

const WAN_FPS = 16;
const WAN_STEPS = 20;

/** Wan's frame count for a duration: the nearest 4k+1 frames, from 5 up to 81 (five seconds at 16 fps). */
export function wanFrames(seconds: number): number {
  const k = Math.round((seconds * WAN_FPS - 1) / 4);
  return Math.min(81, Math.max(5, k * 4 + 1));
}

/**
 * High: Wan 2.2 image-to-video 14B (fp8), its high-noise expert for the first half of the steps and
 * the low-noise one for the rest, as Wan 2.2's own ComfyUI workflow does; 1280×720 at 16 fps.
 */
export function wanGraph(job: VideoGraphJob): ApiGraph {
  const g = new GraphBuilder();
  const clip = g.add('CLIPLoader', { clip_name: MODELS.umt5Fp8.file, type: 'wan' });
  const vae = g.add('VAELoader', { vae_name: MODELS.wanVae.file });
  const high = g.add('UNETLoader', { unet_name: MODELS.wanHigh.file, weight_dtype: 'default' });
  const low = g.add('UNETLoader', { unet_name: MODELS.wanLow.file, weight_dtype: 'default' });
  const highShifted = g.add('ModelSamplingSD3', { model: high.out(), shift: 8 });
  const lowShifted = g.add('ModelSamplingSD3', { model: low.out(), shift: 8 });
  const positive = g.add('CLIPTextEncode', { text: videoPrompt(job.params), clip: clip.out() }, 'Prompt');
  const unwanted = 'static, blurry, distorted, low quality, subtitles';
  const negative = g.add('CLIPTextEncode', { text: unwanted, clip: clip.out() }, 'Negative prompt');
  const keyframe = g.add('LoadImage', { image: job.keyframe }, 'Keyframe');
  const frames = wanFrames(job.params.duration);
  const i2v = g.add('WanImageToVideo', {
    positive: positive.out(),
    negative: negative.out(),
    vae: vae.out(),
    ...workingSize(job.format, 1280 * 720, 16),
    length: frames,
    batch_size: 1,
    start_image: keyframe.out(),
  });
  const half = WAN_STEPS / 2;
  const conditioning = { positive: i2v.out(0), negative: i2v.out(1) };
  const common = { steps: WAN_STEPS, cfg: 3.5, sampler_name: 'euler', scheduler: 'simple', ...conditioning };
  const first = g.add('KSamplerAdvanced', {
    ...common,
    model: highShifted.out(),
    add_noise: 'enable',
    noise_seed: job.seed,
    latent_image: i2v.out(2),
    start_at_step: 0,
    end_at_step: half,
    return_with_leftover_noise: 'enable',
  });
  const second = g.add('KSamplerAdvanced', {
    ...common,
    model: lowShifted.out(),
    add_noise: 'disable',
    noise_seed: job.seed,
    latent_image: first.out(),
    start_at_step: half,
    end_at_step: 10000,
    return_with_leftover_noise: 'disable',
  });
  const decoded = g.add('VAEDecode', { samples: second.out(), vae: vae.out() });
  return save(g, job, decoded.out(), WAN_FPS);
}
