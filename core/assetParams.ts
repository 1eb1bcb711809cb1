import type { NodeKind } from './nodes';
import type { BmadNode, ParamsOf } from './schema';

/**
 * Which params of which kinds name a project file (a script, a reference image, a LoRA): the planner
 * hashes those files into job keys, and the canvas probes them for Git LFS pointers never pulled.
 */
export const ASSET_PARAMS = {
  script: ['file'],
  character: ['reference', 'lora'],
} as const satisfies { [K in NodeKind]?: readonly (keyof ParamsOf<K> & string)[] };

export type AssetKind = keyof typeof ASSET_PARAMS;
export type AssetParam<K extends AssetKind = AssetKind> = (typeof ASSET_PARAMS)[K][number];

/** One project file a node names: the param that names it and the path as written (project-relative). */
export interface AssetRef {
  readonly param: string;
  readonly path: string;
}

/** Whether nodes of `kind` can name a project file at all. */
export const isAssetKind = (kind: NodeKind): kind is AssetKind => kind in ASSET_PARAMS;

/** The files `node` names, in param order; empty params name nothing. */
export function assetRefs(node: BmadNode): AssetRef[] {
  if (!isAssetKind(node.kind)) return [];
  const params = node.params as Readonly<Record<string, unknown>>;
  return ASSET_PARAMS[node.kind].flatMap((param: string) => {
    const value = params[param];
    return typeof value === 'string' && value !== '' ? [{ param, path: value }] : [];
  });
}
