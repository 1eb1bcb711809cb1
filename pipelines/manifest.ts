import { z } from 'zod';
import { Tier } from '../core/ports';
import { PREVIEW_KINDS, PREVIEW_PIPELINES, type PreviewKind } from '../core/previewParams';

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
  /** The node kind it renders: one of the kinds that render (core/previewParams.ts). */
  node: z.enum(PREVIEW_KINDS),
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

/**
 * pipelines/preview/manifest.json. Its pipelines' ids, versions, node kinds and output roles are the
 * agreed interface in core/previewParams.ts (PREVIEW_PIPELINES): the file names each by id and never
 * repeats its version or kind, which come from there (previewManifests).
 */
export const PreviewManifest = z.strictObject({
  $comment: z.string().optional(),
  program: z.string(),
  pipelines: z.array(PipelineManifest.omit({ version: true, node: true })).min(1),
});

/**
 * The embedded pipelines' complete manifests: the file's entries with version and node kind from
 * PREVIEW_PIPELINES. Throws, naming the file and the entry, when the two do not describe the same
 * pipelines: an id the table lacks or lists twice, a table entry the file lacks, other output roles.
 */
export function previewManifests(json: unknown, file = 'pipelines/preview/manifest.json'): PipelineManifest[] {
  const parsed = PreviewManifest.safeParse(json);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw new Error(`${file}: ${i.path.join('.') || '(root)'}: ${i.message}`);
  }
  const byId = new Map(PREVIEW_KINDS.map((kind) => [PREVIEW_PIPELINES[kind].id as string, kind]));
  const seen = new Set<PreviewKind>();
  const out = parsed.data.pipelines.map((p, i): PipelineManifest => {
    const where = `${file}: pipelines.${i} (${p.id})`;
    const kind = byId.get(p.id);
    if (!kind) throw new Error(`${where}: no such pipeline in PREVIEW_PIPELINES (core/previewParams.ts)`);
    if (seen.has(kind)) throw new Error(`${where}: listed twice`);
    seen.add(kind);
    const roles = [...new Set(p.writes.map((w) => w.role))];
    const agreed: readonly string[] = PREVIEW_PIPELINES[kind].roles;
    if (roles.join() !== agreed.join()) {
      const says = `writes roles ${roles.join(', ')}, but core/previewParams.ts agrees on ${agreed.join(', ')}`;
      throw new Error(`${where}: ${says}`);
    }
    return { ...p, version: PREVIEW_PIPELINES[kind].version, node: kind };
  });
  const missing = PREVIEW_KINDS.filter((k) => !seen.has(k)).map((k) => PREVIEW_PIPELINES[k].id);
  if (missing.length) throw new Error(`${file}: no entry for ${missing.join(', ')} (PREVIEW_PIPELINES has it)`);
  return out;
}
