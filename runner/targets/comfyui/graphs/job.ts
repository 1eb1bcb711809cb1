import type { ImageParams, VideoParams } from '../../../../core/previewParams';

/** What a graph is built from: the job's resolved params plus the names ComfyUI knows its files by. */
interface GraphJobBase {
  readonly seed: number;
  /** The tier's picture size and frame rate (JobSpec.format). */
  readonly format: { readonly width: number; readonly height: number; readonly fps: number };
  /** filename_prefix of the save node: where the outputs land below ComfyUI's output folder. */
  readonly prefix: string;
}

export interface ImageGraphJob extends GraphJobBase {
  readonly params: ImageParams;
  /** LoRA file names (models/loras/) of the characters that have one, in character order. */
  readonly loras: readonly string[];
}

export interface VideoGraphJob extends GraphJobBase {
  readonly params: VideoParams;
  /** The keyframe's name in ComfyUI's input folder (after /upload/image). */
  readonly keyframe: string;
}

/**
 * The model's working size for a picture of the job's shape: about `pixels` in area (what the model
 * was trained at), each side a multiple of `step`. The output is scaled to the tier's size after.
 */
export function workingSize(format: { width: number; height: number }, pixels: number, step = 64): { width: number; height: number } {
  const aspect = format.width / format.height;
  const height = Math.sqrt(pixels / aspect);
  const snap = (v: number) => Math.max(step, Math.round(v / step) * step);
  return { width: snap(height * aspect), height: snap(height) };
}
