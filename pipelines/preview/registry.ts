import type { z } from 'zod';
import { JOB_KINDS, type JobParams, type RenderKind } from '../../core/previewParams';
import audio from './audio/manifest.json';
import { runAudio } from './audio/run';
import edit from './edit/manifest.json';
import { runEdit } from './edit/run';
import image from './image/manifest.json';
import { runImage } from './image/run';
import type { JobContext } from './job';
import output from './output/manifest.json';
import { runOutput } from './output/run';
import video from './video/manifest.json';
import { runVideo } from './video/run';

export type Meta = Record<string, unknown>;
type Runner<K extends RenderKind> = (ctx: JobContext<JobParams<K>>) => Promise<Meta>;

/**
 * Per kind: this program's pipeline (its id and version from the manifest beside its code, the one
 * place of them) and how it runs; the params schema is the kind's, agreed in core/previewParams.ts.
 */
const PIPELINES: { [K in RenderKind]: { manifest: { id: string; version: number }; run: Runner<K> } } = {
  image: { manifest: image, run: runImage },
  video: { manifest: video, run: runVideo },
  audio: { manifest: audio, run: runAudio },
  edit: { manifest: edit, run: runEdit },
  output: { manifest: output, run: runOutput },
};

export interface Entry {
  kind: RenderKind;
  id: string;
  version: number;
  params: z.ZodType;
  run: (ctx: JobContext<unknown>) => Promise<Meta>;
}

export function findPipeline(id: string): Entry | undefined {
  for (const kind of Object.keys(PIPELINES) as RenderKind[]) {
    const p = PIPELINES[kind];
    if (p.manifest.id === id) return { kind, id, version: p.manifest.version, params: JOB_KINDS[kind].params, run: p.run as Entry['run'] };
  }
  return undefined;
}

/** The ids this program runs, for a message naming them. */
export const PREVIEW_IDS = Object.values(PIPELINES).map((p) => p.manifest.id);
