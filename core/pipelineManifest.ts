import { z } from 'zod';
import { KIND_NAMES, type NodeKind } from './nodes';
import { Tier } from './ports';

/**
 * AGREED INTERFACE (issue 8): what every pipeline declares about itself in its `manifest.json`, GPU
 * pipelines (pipelines/<modality>/<tier>/manifest.json) and the embedded preview ones alike. The
 * registry loads these; the router sends a job only to a target that runs the pipeline's backend and
 * has the VRAM; `bmad models` checks `models` against the models folder. The version is part of every
 * job key: bump it whenever the output changes for the same params.
 */

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);
/** A path below the models folder: relative, forward slashes, no `..` or empty segments. */
const ModelPath = z
  .string()
  .regex(/^(?!\/)(?!.*(^|\/)\.\.?(\/|$))[\w.+-]+(\/[\w.+-]+)*$/, 'a relative path below the models folder, without ..');

export const ModelFile = z.strictObject({
  /** Where the file goes below the models folder (`/models` in a container), e.g. `sd15/v1-5-pruned-emaonly.safetensors`. */
  path: ModelPath,
  bytes: z.number().int().positive(),
  sha256: Sha256,
  /** Where a person downloads it (a Hugging Face repo and file, or a URL). */
  source: z.string().min(1),
  licence: z.string().min(1),
});
export type ModelFile = z.infer<typeof ModelFile>;

export const PipelineOutputDecl = z.strictObject({
  name: z.string(),
  role: z.string(),
  mime: z.string(),
  when: z.string().optional(),
});

/**
 * How a pipeline runs, which decides the targets that can take it:
 * - `preview`: the embedded CPU pipelines (local target only);
 * - `container`: a Docker image speaking the pipeline contract (docker target, or ssh with docker or
 *   as a plain process on hosts without docker);
 * - `comfyui`: translated into a ComfyUI API graph (comfyui target);
 * - `wan2gp`: Wan2GP's headless mode on an ssh host.
 */
export const PIPELINE_BACKENDS = ['preview', 'container', 'comfyui', 'wan2gp'] as const;
export const PipelineBackend = z.enum(PIPELINE_BACKENDS);
export type PipelineBackend = z.infer<typeof PipelineBackend>;

export const PipelineManifest = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/),
  version: z.number().int().positive(),
  modality: z.enum(['image', 'video', 'audio', 'edit', 'output', 'training']),
  /** Node kinds it renders (a training pipeline serves `character`). */
  kinds: z.array(z.enum(KIND_NAMES as [NodeKind, ...NodeKind[]])).min(1),
  tiers: z.array(Tier).min(1),
  backend: PipelineBackend,
  /** For `container`: the image tag `bmad pipelines build` makes, e.g. `bmad/image.standard:1`. */
  image: z.string().optional(),
  /** VRAM the pipeline needs, GB; 0 runs on the CPU. */
  vramGb: z.number().min(0),
  models: z.array(ModelFile),
  /** JSON Schema (draft 2020-12) of JobSpec.params; the runner's builder for this pipeline must match it. */
  params: z.record(z.string(), z.unknown()),
  writes: z.array(PipelineOutputDecl).min(1),
  deterministic: z.boolean(),
  /** The model and why it was chosen for this tier (licence, VRAM, quality). */
  model: z.string(),
  notes: z.string().optional(),
});
export type PipelineManifest = z.infer<typeof PipelineManifest>;
