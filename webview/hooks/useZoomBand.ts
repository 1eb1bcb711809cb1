import { useStoreApi } from '@xyflow/react';
import { useEffect, useState } from 'react';

/**
 * Below this zoom a card is under ~110 px wide and its text is unreadable: React Flow renders no
 * nodes or edges at all and the overview layer draws the whole canvas on one <canvas>. This is what
 * keeps a fit-view pan of thousands of nodes at full frame rate.
 */
export const OVERVIEW_ZOOM = 0.45;
/** Below this zoom cards drop their small print (port names, param summary): fewer glyphs to paint. */
export const COMPACT_ZOOM = 0.55;

export type ZoomBand = 'overview' | 'compact' | 'full';

export const zoomBand = (zoom: number): ZoomBand => (zoom < OVERVIEW_ZOOM ? 'overview' : zoom < COMPACT_ZOOM ? 'compact' : 'full');

/** The level of detail for the current zoom; re-renders only when the band changes. */
export function useZoomBand(initialZoom: number): ZoomBand {
  const store = useStoreApi();
  const [band, setBand] = useState(() => zoomBand(initialZoom));
  useEffect(
    () =>
      store.subscribe((s) => {
        // Until the pan/zoom is attached the store still holds its default transform, not ours.
        if (s.panZoom) setBand(zoomBand(s.transform[2]));
      }),
    [store],
  );
  return band;
}
