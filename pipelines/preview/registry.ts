import type { z } from 'zod';
import { PREVIEW_PIPELINES, type PreviewKind } from '../../core/previewParams';
import { runAudio } from './audio/run';
import { runEdit } from './edit/run';
import { runImage } from './image/run';
import type { JobContext } from './job';
import { runOutput } from './output/run';
import { runVideo } from './video/run';

export type Meta = Record<string, unknown>;
type Runner<K extends PreviewKind> = (ctx: JobContext<z.infer<(typeof PREVIEW_PIPELINES)[K]['params']>>) => Promise<Meta>;

/** pipeline id → how to run it; params schemas and versions come from the agreed interface. */
const RUNNERS: { [K in PreviewKind]: Runner<K> } = {
  image: runImage,
  video: runVideo,
  audio: runAudio,
  edit: runEdit,
  output: runOutput,
};

export interface Entry {
  kind: PreviewKind;
  id: string;
  version: number;
  params: z.ZodType;
  run: (ctx: JobContext<unknown>) => Promise<Meta>;
}

export function findPipeline(id: string): Entry | undefined {
  for (const kind of Object.keys(PREVIEW_PIPELINES) as PreviewKind[]) {
    const p = PREVIEW_PIPELINES[kind];
    if (p.id === id) return { kind, id: p.id, version: p.version, params: p.params, run: RUNNERS[kind] as Entry['run'] };
  }
  return undefined;
}
