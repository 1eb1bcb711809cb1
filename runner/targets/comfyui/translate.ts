import path from 'node:path';
import { z } from 'zod';
import type { JobSpec, OutputFile } from '../../../core/contract';
import { ImageParams, VideoParams } from '../../../core/previewParams';
import type { ApiGraph } from './graphs/graph';
import { loraFileName } from './graphs/models';
import type { Recipe } from './graphs/recipes';

/**
 * A job → the ComfyUI graph that renders it, the input files to upload first and the output it
 * makes. GPU pipelines take the preview params of their kind; a character may also carry `lora`,
 * the input name of its LoRA file.
 */

/** What the ComfyUI image pipelines read: the image params, characters with their LoRA input. */
export const ComfyImageParams = ImageParams;

/** A job the graph cannot be made from; the message names the param. */
export class BadJob extends Error {}

/** A file from the job's inputs folder that ComfyUI must have in its input folder, and its name there. */
export interface Upload {
  readonly input: string;
  readonly name: string;
}

export interface Translation {
  readonly graph: ApiGraph;
  readonly uploads: readonly Upload[];
  readonly output: OutputFile;
  /** What the graph leaves out of the job, for the job's log. */
  readonly notes: readonly string[];
}

/** How ComfyUI will know a job input: `upload` for pictures, `lora` for a LoRA in models/loras/. */
export interface InputNaming {
  upload(input: string): string;
  lora(input: string): string;
}

/** Names by content, so the same keyframe uploaded twice is one file and a LoRA has one name everywhere. */
export function contentNaming(job: JobSpec): InputNaming {
  const sha = (input: string) => {
    const found = job.inputs.find((i) => i.name === input);
    if (!found) throw new BadJob(`params name the input "${input}", which job.inputs does not list`);
    return found.sha256;
  };
  return {
    upload: (input) => `bmad-${sha(input).slice(0, 16)}${path.extname(input).toLowerCase()}`,
    lora: (input) => loraFileName(sha(input)),
  };
}

function parse<T>(schema: z.ZodType<T>, params: unknown, id: string): T {
  const r = schema.safeParse(params);
  if (r.success) return r.data;
  const i = r.error.issues[0]!;
  throw new BadJob(`${id}: params.${i.path.join('.')}: ${i.message}`);
}

export function translateJob(job: Pick<JobSpec, 'key' | 'seed' | 'format' | 'params'>, recipe: Recipe, naming: InputNaming): Translation {
  const base = { seed: job.seed, format: job.format, prefix: `bmad/${job.key.slice(0, 16)}` };
  if (recipe.kind === 'image') {
    const params = parse(ComfyImageParams, job.params, recipe.id);
    const loras = params.characters.flatMap((c) => (c.lora ? [naming.lora(c.lora)] : []));
    // Core ComfyUI has no IP-Adapter, so a reference picture cannot steer these graphs; a LoRA can.
    const unused = params.characters.filter((c) => c.reference !== null && !c.lora).map((c) => c.name);
    return {
      graph: recipe.graph({ ...base, params, loras }),
      uploads: [],
      output: { name: 'keyframe.png', role: 'image', mime: 'image/png' },
      notes: unused.length
        ? [`reference images of ${unused.join(', ')} are not used on ComfyUI (core nodes have no IP-Adapter): give the character a LoRA`]
        : [],
    };
  }
  const params = parse(VideoParams, job.params, recipe.id);
  const keyframe = naming.upload(params.keyframe);
  return {
    graph: recipe.graph({ ...base, params, keyframe }),
    uploads: [{ input: params.keyframe, name: keyframe }],
    output: { name: 'clip.mp4', role: 'video', mime: 'video/mp4' },
    notes: [],
  };
}
