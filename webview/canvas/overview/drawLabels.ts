import { HEADER_HEIGHT } from '../nodes/cardLayout';
import { legible, THUMB_LEGIBLE_PX, TITLE_PX } from '../legibility';
import type { Geometry } from './geometry';
import type { Palette } from './palette';
import type { View } from './drawOverview';

/** Inset of a card's title and thumbnail from its edges, in flow px. */
const INSET = 16;
const LINE = 1.15;
const THUMB_ASPECT = 9 / 16;

/** A card's thumbnail box (flow px, relative to the card), or undefined if the card is too short for one. */
function thumbBox(w: number, h: number): { x: number; y: number; width: number; height: number } | undefined {
  const width = w - 2 * INSET, height = width * THUMB_ASPECT;
  const y = HEADER_HEIGHT + INSET / 2;
  return y + height + INSET / 2 + TITLE_PX.overview * LINE <= h ? { x: INSET, y, width, height } : undefined;
}

/** Breaks `text` into at most `max` lines of `width` px, the last one cut with an ellipsis if needed. */
function wrap(ctx: CanvasRenderingContext2D, text: string, width: number, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  const words = text.split(/\s+/).filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    const next = line ? `${line} ${words[i]}` : words[i]!;
    if (!line || ctx.measureText(next).width <= width) {
      line = next;
      continue;
    }
    if (lines.length === max - 1) {
      line = `${line} ${words.slice(i).join(' ')}`;
      break;
    }
    lines.push(line);
    line = words[i]!;
  }
  if (line) lines.push(line);
  const last = lines.length - 1;
  if (last >= 0 && ctx.measureText(lines[last]!).width > width) {
    let cut = lines[last]!;
    while (cut.length > 1 && ctx.measureText(`${cut}…`).width > width) cut = cut.slice(0, -1);
    lines[last] = `${cut.trimEnd()}…`;
  }
  return lines;
}

/**
 * Titles and output thumbnails on the overview's cards, each only where it would be legible at this
 * zoom (legibility.ts): the title in the card's body, as large as the card allows, the thumbnail above
 * it on generating cards that have one. Drawn in screen space, so text is rasterized at its real size.
 */
export function drawLabels(
  ctx: CanvasRenderingContext2D, g: Geometry, v: View, p: Palette, visible: readonly number[],
  thumbnail: (i: number) => HTMLImageElement | undefined,
): void {
  const { zoom: k, dpr } = v;
  const titles = legible(TITLE_PX.overview, k);
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.font = `600 ${TITLE_PX.overview * k}px ${p.fontFamily}`;
  ctx.fillStyle = p.text;
  ctx.textBaseline = 'top';
  for (const i of visible) {
    const x = g.rects[i * 4]!, y = g.rects[i * 4 + 1]!, w = g.rects[i * 4 + 2]!, h = g.rects[i * 4 + 3]!;
    const box = thumbBox(w, h);
    const thumbs = box !== undefined && box.height * k >= THUMB_LEGIBLE_PX;
    if (!titles && !thumbs) continue;
    const img = thumbs ? thumbnail(i) : undefined;
    let top = HEADER_HEIGHT + INSET / 2;
    if (img && box) {
      drawCover(ctx, img, (x + box.x) * k + v.x, (y + box.y) * k + v.y, box.width * k, box.height * k);
      top = box.y + box.height + INSET / 2;
    }
    if (!titles) continue;
    const room = Math.floor((h - top - INSET / 2) / (TITLE_PX.overview * LINE));
    const lines = wrap(ctx, g.labels[i] ?? '', (w - 2 * INSET) * k, Math.max(1, Math.min(2, room)));
    const lineHeight = TITLE_PX.overview * LINE;
    lines.forEach((line, n) => ctx.fillText(line, (x + INSET) * k + v.x, (y + top + n * lineHeight) * k + v.y));
  }
}

/** Draws `img` filling the box, cropped to its aspect (CSS `object-fit: cover`). */
function drawCover(ctx: CanvasRenderingContext2D, img: HTMLImageElement, x: number, y: number, w: number, h: number) {
  const s = Math.max(w / img.naturalWidth, h / img.naturalHeight);
  const sw = w / s, sh = h / s;
  ctx.drawImage(img, (img.naturalWidth - sw) / 2, (img.naturalHeight - sh) / 2, sw, sh, x, y, w, h);
}
