import { SpatialIndex } from '../canvas/spatialIndex';
import type { CanvasDoc } from '../state/canvasDoc';
import { useDocVersion } from './useDocVersion';
import { useSession } from './useSession';

const cache = new WeakMap<CanvasDoc, { version: number; index: SpatialIndex }>();

/**
 * The spatial index of the current document version, built on first use and shared by every caller;
 * undefined when not `enabled` (zoomed out, where nothing needs it).
 */
export function useSpatialIndex(enabled: boolean): SpatialIndex | undefined {
  const { doc } = useSession();
  const version = useDocVersion();
  if (!enabled) return undefined;
  const hit = cache.get(doc);
  if (hit?.version === version) return hit.index;
  const index = new SpatialIndex(doc.nodeMap().values(), doc.edgeMap().values());
  cache.set(doc, { version, index });
  return index;
}
