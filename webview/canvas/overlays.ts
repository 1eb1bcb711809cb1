/**
 * The canvas's own widgets sit in a band along the top of the pane (CSS px; styles/canvas.css places
 * them the same way): the port legend at the left, the zoom buttons and the minimap at the right.
 * A view the canvas chooses itself (the opening view, fit view) keeps every card below the band, so
 * no widget covers a card there. test/browser/opening.test.ts checks the real boxes against these.
 */
export const OVERLAY_INSET = 12;
export const MINIMAP_SIZE = { width: 200, height: 140 } as const;
/** Height of the legend and of the zoom buttons. */
export const TOOLBAR_HEIGHT = 28;

/** Pixels from the top of the pane that the widgets may occupy, with a gap below them. */
export function topBand(showMinimap: boolean): number {
  const tallest = showMinimap ? MINIMAP_SIZE.height + 2 /* its border */ : TOOLBAR_HEIGHT;
  return OVERLAY_INSET + tallest + OVERLAY_INSET;
}
