import type { Tier } from '../../../../core/ports';
import type { ApiGraph } from './graph';
import { FLUX_DEV, FLUX_SCHNELL, fluxGraph, sd15Graph } from './image';
import type { ImageGraphJob, VideoGraphJob } from './job';
import { MODELS, type ComfyModel } from './models';
import { svdGraph, wanGraph } from './video';

/**
 * The ComfyUI pipelines: for each id (pipelines/comfyui/<modality>-<tier>/manifest.json has the same
 * id, its version, VRAM and model files), the node kind it renders, its tier, the model files its graph
 * loads and the graph itself. Video low has none: AnimateDiff needs custom nodes, and these graphs use
 * core nodes only, so low-tier video goes to a container target.
 */
interface RecipeBase {
  readonly id: string;
  readonly tier: Tier;
  readonly models: readonly ComfyModel[];
}
export interface ImageRecipe extends RecipeBase {
  readonly kind: 'image';
  readonly graph: (job: ImageGraphJob) => ApiGraph;
}
export interface VideoRecipe extends RecipeBase {
  readonly kind: 'video';
  readonly graph: (job: VideoGraphJob) => ApiGraph;
}
export type Recipe = ImageRecipe | VideoRecipe;

export const RECIPES: readonly Recipe[] = [
  { id: 'comfyui.image.low', kind: 'image', tier: 'low', models: [MODELS.sd15], graph: sd15Graph },
  {
    id: 'comfyui.image.standard',
    kind: 'image',
    tier: 'standard',
    models: [MODELS.fluxSchnell, MODELS.clipL, MODELS.t5Fp8, MODELS.fluxVae],
    graph: (job) => fluxGraph(FLUX_SCHNELL, job),
  },
  {
    id: 'comfyui.image.high',
    kind: 'image',
    tier: 'high',
    models: [MODELS.fluxDev, MODELS.clipL, MODELS.t5Fp16, MODELS.fluxVae],
    graph: (job) => fluxGraph(FLUX_DEV, job),
  },
  { id: 'comfyui.video.standard', kind: 'video', tier: 'standard', models: [MODELS.svdXt], graph: svdGraph },
  {
    id: 'comfyui.video.high',
    kind: 'video',
    tier: 'high',
    models: [MODELS.wanHigh, MODELS.wanLow, MODELS.umt5Fp8, MODELS.wanVae],
    graph: wanGraph,
  },
];

export function recipeById(id: string): Recipe | undefined {
  return RECIPES.find((r) => r.id === id);
}

export function recipeFor(kind: string, tier: Tier): Recipe | undefined {
  return RECIPES.find((r) => r.kind === kind && r.tier === tier);
}
