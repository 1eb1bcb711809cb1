import { useStoreApi } from '@xyflow/react';
import { useEffect, useState } from 'react';
import type { Rect, SpatialIndex } from '../canvas/spatialIndex';
import type { Viewport } from '../state/uiState';

const EMPTY: ReadonlySet<string> = new Set();

const viewRect = (v: Viewport, width: number, height: number): Rect => ({ x: -v.x / v.zoom, y: -v.y / v.zoom, width: width / v.zoom, height: height / v.zoom });

/**
 * The nodes that intersect the viewport, from the spatial index, updated on every viewport change
 * but re-rendering only when the set changes. Measured: a pan frame costs in proportion to the cards
 * mounted, on screen or not, so cards are mounted exactly when visible — mounting ahead (a margin,
 * a few per frame) made every frame slower than the spikes it smoothed.
 */
export function useVisibleNodes(index: SpatialIndex | undefined, initial: Viewport): ReadonlySet<string> {
  const store = useStoreApi();
  // The first render already has the visible cards: React Flow's store does not know the viewport yet.
  const [visible, setVisible] = useState<ReadonlySet<string>>(() =>
    index ? index.nodesIn(viewRect(initial, document.documentElement.clientWidth, document.documentElement.clientHeight)) : EMPTY);
  useEffect(() => {
    if (!index) return setVisible(EMPTY);
    let current: ReadonlySet<string> = visible;
    let queued = false;
    const update = () => {
      queued = false;
      const { transform: [x, y, zoom], width, height, panZoom } = store.getState();
      // Until the pan/zoom is attached the store holds its default transform, not ours.
      if (!width || !height || !panZoom) return;
      const next = index.nodesIn(viewRect({ x, y, zoom }, width, height));
      if (next.size === current.size && [...next].every((id) => current.has(id))) return;
      current = next;
      setVisible(next);
    };
    update();
    return store.subscribe((s, prev) => {
      if (queued || (s.transform === prev.transform && s.width === prev.width && s.height === prev.height)) return;
      queued = true;
      queueMicrotask(update);
    });
    // `visible` is only the starting set; the subscription keeps its own from then on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [index, store]);
  return visible;
}
