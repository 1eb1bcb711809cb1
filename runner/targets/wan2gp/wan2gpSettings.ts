import type { ErrorCode, JobSpec, ProgressLine } from '../../../core/contract';
import { VideoParams } from '../../../core/previewParams';
import type { Tier } from '../../../core/ports';
import { CAMERA_WORDS } from '../cameraWords';

/**
 * A video job as a Wan2GP settings file, for its documented headless mode
 * (`python wgp.py --process settings.json --output-dir DIR`, docs/CLI.md; the fields are those of
 * docs/SETTINGS.md and an exported settings file), and Wan2GP's console output read back as progress.
 */

/**
 * Image-to-video model per tier (Wan2GP's `model_type`, its defaults/<id>.json): Wan 2.1 I2V 480p for
 * low (Wan2GP's offloading profiles run it in 8 GB), Wan 2.1 I2V 720p for standard, Wan 2.2 I2V 14B
 * (two experts, best motion) for high.
 */
export const WAN2GP_MODEL_BY_TIER: Record<Tier, string> = { low: 'i2v', standard: 'i2v_720p', high: 'i2v_2_2' };

export interface Wan2gpSettings {
  readonly model_type: string;
  readonly prompt: string;
  readonly negative_prompt: string;
  readonly resolution: string;
  /** Seconds as Wan2GP reads them in a settings file ("4s"), converted with force_fps. */
  readonly video_length: string;
  readonly force_fps: string;
  readonly seed: number;
  readonly image_prompt_type: 'S';
  /** The keyframe on the host (absolute: relative paths are read from Wan2GP's folder). */
  readonly image_start: string;
  readonly repeat_generation: 1;
}

/** The settings for `job`, whose keyframe input lives in `inputsDir` on the host; throws on bad params. */
export function wan2gpSettings(job: JobSpec, inputsDir: string): Wan2gpSettings {
  const parsed = VideoParams.safeParse(job.params);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`params: ${issues.join('; ')}`);
  }
  const p = parsed.data;
  if (!job.inputs.some((i) => i.name === p.keyframe)) {
    throw new Error(`params.keyframe: ${p.keyframe} is not one of the job's inputs`);
  }
  return {
    model_type: WAN2GP_MODEL_BY_TIER[job.tier],
    prompt: [p.prompt.trim(), CAMERA_WORDS[p.camera]].filter(Boolean).join(', '),
    negative_prompt: '',
    resolution: `${job.format.width}x${job.format.height}`,
    video_length: `${p.duration}s`,
    force_fps: String(job.format.fps),
    seed: job.seed,
    image_prompt_type: 'S',
    image_start: `${inputsDir}/${p.keyframe}`,
    repeat_generation: 1,
  };
}

/** `  [12/30] Prompt 1/1 - Denoising` → progress; other lines are for the log. */
export function wan2gpProgress(line: string): ProgressLine | undefined {
  const m = /^\s*\[(\d+)\/(\d+)\]\s*(.*)$/.exec(line);
  if (!m?.[1] || !m[2] || Number(m[2]) <= 0) return undefined;
  const stage = m[3]?.trim().slice(0, 80);
  return { type: 'progress', value: Number(m[1]), max: Number(m[2]), ...(stage ? { stage } : {}) };
}

/** The contract's error code for Wan2GP's console output of a failed run. */
export function wan2gpFailureCode(log: string, exitCode: number): ErrorCode {
  if (exitCode === 130) return 'INTERRUPTED';
  if (/out of memory/i.test(log)) return 'OUT_OF_MEMORY';
  if (/failed validation/i.test(log)) return 'BAD_PARAMS';
  return 'INTERNAL';
}
