import { legibleFrom, TITLE_PX } from './legibility';

/**
 * Below this zoom React Flow renders no nodes or edges at all and the overview layer draws the whole
 * canvas on one <canvas>: this is what keeps a fit-view pan of thousands of nodes at full frame rate.
 * The compact card's title is legible from here on (TITLE_PX.compact × 0.45 = 9 px).
 */
export const OVERVIEW_ZOOM = 0.45;
/**
 * Below this zoom cards are compact: a larger title and no small print (port names, param summary)
 * that would be too small to read. From here on the full card's title is legible.
 */
export const FULL_ZOOM = legibleFrom(TITLE_PX.full);

export type ZoomBand = 'overview' | 'compact' | 'full';

export const zoomBand = (zoom: number): ZoomBand =>
  zoom < OVERVIEW_ZOOM ? 'overview' : zoom < FULL_ZOOM ? 'compact' : 'full';

/**
 * Whether a person can read the canvas's cards at `zoom`: React Flow draws them (not the overview),
 * and their titles are legible there (compact or full; see the band limits above).
 */
export const cardsReadable = (zoom: number): boolean => zoomBand(zoom) !== 'overview';
