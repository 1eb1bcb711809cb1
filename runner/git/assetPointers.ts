import { assetRefs, type AssetPointer, type AssetRef, type BmadNode } from '../../core';
import { insideProject, PathRefused } from '../projectPaths';
import { readLfsPointer } from './lfsPull';

/** What a canvas's nodes name that is still a Git LFS pointer, and every file it looked at. */
export interface AssetPointerProbe {
  /** By node id; a node whose files are all real (or missing, or refused) is absent. */
  readonly pointers: Record<string, AssetPointer[]>;
  /** Absolute paths of every file probed: a change to one of them calls for a new probe. */
  readonly probed: ReadonlySet<string>;
  /** Why each path that leads out of the project was not read, located by node id and param. */
  readonly refused: readonly string[];
}

/**
 * The one way from a file a node names to a path on disk, for the probe and for the pull of what it
 * found: insideProject, so a path that leads out of the project (`..`, absolute, a link) is refused
 * with PathRefused naming the node and its param.
 */
export function assetFile(root: string, nodeId: string, ref: AssetRef): string {
  return insideProject(root, ref.path, `${nodeId} params.${ref.param}`);
}

/**
 * Reads the first bytes of each file the nodes name (ASSET_PARAMS), once per file. A path the
 * planner would refuse (outside the project) is not read; a missing file is not a pointer (planning
 * says it is missing).
 */
export async function probeAssetPointers(root: string, nodes: Iterable<BmadNode>): Promise<AssetPointerProbe> {
  const sizes = new Map<string, Promise<number | undefined>>();
  const pointers: Record<string, AssetPointer[]> = {};
  const refused: string[] = [];
  for (const node of nodes) {
    for (const ref of assetRefs(node)) {
      let abs: string;
      try {
        abs = assetFile(root, node.id, ref);
      } catch (e) {
        if (!(e instanceof PathRefused)) throw e;
        refused.push(e.message);
        continue;
      }
      if (!sizes.has(abs)) sizes.set(abs, readLfsPointer(abs).then((p) => p?.size, () => undefined));
      const size = await sizes.get(abs);
      if (size !== undefined) (pointers[node.id] ??= []).push({ param: ref.param, path: ref.path, size });
    }
  }
  return { pointers, probed: new Set(sizes.keys()), refused };
}
