import { useStoreApi } from '@xyflow/react';
import { useEffect, useState } from 'react';
import { zoomBand, type ZoomBand } from '../canvas/zoomBands';

/** The level of detail for the current zoom (canvas/zoomBands.ts); re-renders only when the band changes. */
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
