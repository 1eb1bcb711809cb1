import type { BmadNode } from '../../../core';
import type { RenderKind } from '../../../core/previewParams';
import { buildAudio } from './audio';
import { buildEdit } from './edit';
import { buildImage } from './image';
import { buildOutput } from './output';
import type { Builder, BuildContext, KindPlan } from './types';
import { buildVideo } from './video';

/** One param builder per kind that renders; every pipeline serving the kind reads what it builds. */
export const BUILDERS: { readonly [K in RenderKind]: Builder<K> } = {
  image: buildImage,
  video: buildVideo,
  audio: buildAudio,
  edit: buildEdit,
  output: buildOutput,
};

/** A node of a kind that renders. */
export type RenderNode = Extract<BmadNode, { kind: RenderKind }>;

/** Runs the builder of a node's kind (BUILDERS ties each kind's node to its builder). */
export function buildParams(c: BuildContext, node: RenderNode): KindPlan {
  const build = BUILDERS[node.kind] as (c: BuildContext, n: RenderNode) => KindPlan;
  return build(c, node);
}

export type { BuildContext, KindPlan, PlannedInput } from './types';
