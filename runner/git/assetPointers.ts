import { assetRefs, type AssetPointer, type BmadNode } from '../../core';
import { insideProject } from '../projectPaths';
import { readLfsPointer } from './lfsPull';

/** What a canvas's nodes name that is still a Git LFS pointer, and every file it looked at. */
export interface AssetPointerProbe {
  /** By node id; a node whose files are all real (or missing, or refused) is absent. */
  readonly pointers: Record<string, AssetPointer[]>;
  /** Absolute paths of every file probed: a change to one of them calls for a new probe. */
  readonly probed: ReadonlySet<string>;
}

/**
 * Reads the first bytes of each file the nodes name (ASSET_PARAMS), once per file. A path the
 * planner would refuse (outside the project) is not read; a missing file is not a pointer (planning
 * says it is missing).
 */
export async function probeAssetPointers(root: string, nodes: Iterable<BmadNode>): Promise<AssetPointerProbe> {
  const sizes = new Map<string, Promise<number | undefined>>();
  const pointers: Record<string, AssetPointer[]> = {};
  for (const node of nodes) {
    for (const ref of assetRefs(node)) {
      let abs: string;
      try {
        abs = insideProject(root, ref.path, `${node.id} params.${ref.param}`);
      } catch {
        continue;
      }
      if (!sizes.has(abs)) sizes.set(abs, readLfsPointer(abs).then((p) => p?.size, () => undefined));
      const size = await sizes.get(abs);
      if (size !== undefined) (pointers[node.id] ??= []).push({ param: ref.param, path: ref.path, size });
    }
  }
  return { pointers, probed: new Set(sizes.keys()) };
}
