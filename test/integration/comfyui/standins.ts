import type { PipelineManifest } from '../../../core/pipelineManifest';
import { GraphBuilder } from '../../../runner/targets/comfyui/graphs/graph';
import type { ImageRecipe, Recipe } from '../../../runner/targets/comfyui/graphs/recipes';

/**
 * STAND-IN graphs, labelled as such: no model weights exist on these machines, so these jobs use
 * core ComfyUI nodes that need none (EmptyImage, ImageBlur, CreateVideo…) to exercise the real
 * server's queue, events, history, uploads and outputs through the real target. The tier graphs
 * themselves are checked against the same server's validation in graphs.test.ts.
 */

/** A flat picture of the tier's size: the quickest complete job ComfyUI can run. */
export const STANDIN_EMPTY_IMAGE: Recipe = {
  id: 'standin.empty-image',
  kind: 'image',
  tier: 'low',
  models: [],
  graph: (job) => {
    const g = new GraphBuilder();
    const img = g.add('EmptyImage', { width: job.format.width, height: job.format.height, batch_size: 1, color: job.seed % 0xffffff });
    g.add('SaveImage', { images: img.out(), filename_prefix: job.prefix }, 'STAND-IN keyframe');
    return g.build();
  },
};

/** A chain of `params.steps` blurs: a job that runs long enough to be cancelled or cut off mid-way. */
export const STANDIN_SLOW_IMAGE: ImageRecipe = {
  id: 'standin.slow-image',
  kind: 'image',
  tier: 'low',
  models: [],
  graph: (job) => {
    const g = new GraphBuilder();
    let img = g.add('EmptyImage', { width: 256, height: 256, batch_size: 1, color: job.seed % 0xffffff });
    for (let i = 0; i < job.params.steps; i++) img = g.add('ImageBlur', { image: img.out(), blur_radius: 11, sigma: 4 });
    const scaled = g.add('ImageScale', { image: img.out(), upscale_method: 'nearest-exact', width: job.format.width, height: job.format.height, crop: 'disabled' });
    g.add('SaveImage', { images: scaled.out(), filename_prefix: job.prefix }, 'STAND-IN keyframe');
    return g.build();
  },
};

/** Image-to-video without a model: the uploaded keyframe, repeated, saved as mp4 by the same nodes the tier graphs end in. */
export const STANDIN_KEYFRAME_VIDEO: Recipe = {
  id: 'standin.keyframe-video',
  kind: 'video',
  tier: 'low',
  models: [],
  graph: (job) => {
    const g = new GraphBuilder();
    const key = g.add('LoadImage', { image: job.keyframe }, 'Keyframe');
    const frames = g.add('RepeatImageBatch', { image: key.out(), amount: 8 });
    const video = g.add('CreateVideo', { images: frames.out(), fps: 8 });
    g.add('SaveVideo', { video: video.out(), filename_prefix: job.prefix, format: 'mp4', codec: 'h264' }, 'STAND-IN clip');
    return g.build();
  },
};

export const STANDINS: readonly Recipe[] = [STANDIN_EMPTY_IMAGE, STANDIN_SLOW_IMAGE, STANDIN_KEYFRAME_VIDEO];

/** Their manifests, as the registry would hold them (backend comfyui, no models). */
export function standinManifest(r: Recipe): PipelineManifest {
  return {
    id: r.id,
    version: 1,
    modality: r.kind,
    kinds: [r.kind],
    tiers: [r.tier],
    backend: 'comfyui',
    vramGb: 0,
    models: [],
    params: {},
    writes: [r.kind === 'image' ? { name: 'keyframe.png', role: 'image', mime: 'image/png' } : { name: 'clip.mp4', role: 'video', mime: 'video/mp4' }],
    deterministic: true,
    model: 'STAND-IN: core nodes only, no model',
  };
}
