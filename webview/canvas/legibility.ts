/**
 * When text on the canvas can be read, from its size on screen: a font of `px` CSS pixels at zoom 1 is
 * `px × zoom` pixels high at `zoom`. Everything that decides what to draw or where to open (the zoom
 * bands, the overview's titles and thumbnails, the opening viewport) asks here, so "legible" means one
 * thing everywhere.
 */

/** The smallest text, in CSS px on screen, a person reads without effort; smaller is drawn as nothing. */
export const LEGIBLE_PX = 9;

/**
 * A card's title font (CSS px at zoom 1) in each level of detail. `full` and `compact` must match
 * `.card` and `.zoom-compact .card-label` in styles/canvas.css (test/browser/opening.test.ts measures
 * them); the overview draws a card as its title alone, so it can draw it large.
 */
export const TITLE_PX = { overview: 28, compact: 20, full: 12 } as const;

/** A thumbnail smaller than this on screen (its height, CSS px) shows nothing recognisable. */
export const THUMB_LEGIBLE_PX = 24;

export const legible = (px: number, zoom: number): boolean => px * zoom >= LEGIBLE_PX;

/** The smallest zoom at which text of `px` is legible. */
export const legibleFrom = (px: number): number => LEGIBLE_PX / px;
