import { buildGeometry, type Geometry } from '../canvas/overview/geometry';
import type { CanvasDoc } from '../state/canvasDoc';
import { useDocVersion } from './useDocVersion';
import { useSession } from './useSession';

const cache = new WeakMap<CanvasDoc, { version: number; g: Geometry }>();

/** Flat geometry of the canvas, built once per document version and shared by overview and minimap. */
export function useGeometry(enabled: boolean): Geometry | undefined {
  const { doc } = useSession();
  const version = useDocVersion();
  if (!enabled) return undefined;
  const hit = cache.get(doc);
  if (hit?.version === version) return hit.g;
  const g = buildGeometry(doc.nodeMap(), doc.edgeMap());
  cache.set(doc, { version, g });
  return g;
}
