import { HEADER_HEIGHT } from '../nodes/cardLayout';
import { drawLabels } from './drawLabels';
import { indicesIn, type Geometry } from './geometry';
import type { Palette } from './palette';

export interface View {
  readonly x: number;
  readonly y: number;
  readonly zoom: number;
  readonly width: number;
  readonly height: number;
  readonly dpr: number;
}

/** Above this many cards in view, titles and thumbnails would be too small to read anyway. */
const LABEL_LIMIT = 2000;

/**
 * Draws every node and edge in view onto one canvas: one path per colour, so the cost is a few
 * thousand path commands and a dozen fills however large the canvas is. Runs on every viewport
 * change while zoomed out (where React Flow renders nothing).
 */
export function drawOverview(
  ctx: CanvasRenderingContext2D, g: Geometry, v: View, p: Palette, selection: ReadonlySet<string>,
  thumbnail: (i: number) => HTMLImageElement | undefined,
): void {
  const { zoom: k, dpr } = v;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, v.width * dpr, v.height * dpr);
  ctx.setTransform(dpr * k, 0, 0, dpr * k, dpr * v.x, dpr * v.y);
  const x0 = -v.x / k, y0 = -v.y / k, x1 = x0 + v.width / k, y1 = y0 + v.height / k;

  ctx.lineWidth = 1 / k;
  for (let c = 0; c < p.port.length; c++) {
    ctx.beginPath();
    for (let i = 0; i < g.edgeCount; i++) {
      if (g.edgeColor[i] !== c) continue;
      const o = i * 4;
      const ax = g.lines[o]!, ay = g.lines[o + 1]!, bx = g.lines[o + 2]!, by = g.lines[o + 3]!;
      if (Math.max(ax, bx) < x0 || Math.min(ax, bx) > x1 || Math.max(ay, by) < y0 || Math.min(ay, by) > y1) continue;
      ctx.moveTo(ax, ay);
      ctx.lineTo(bx, by);
    }
    ctx.strokeStyle = p.port[c]!;
    ctx.stroke();
  }

  // Cards: a translucent body in the colour of what the node produces, so even at fit view of
  // thousands of nodes (a few px each) the canvas shows where each kind of work is; the header band
  // in full colour; the widget border once a card is big enough for one to read as a border.
  const visible = indicesIn(g, x0, y0, x1, y1);
  ctx.fillStyle = p.nodeFill;
  ctx.beginPath();
  for (const i of visible) ctx.rect(g.rects[i * 4]!, g.rects[i * 4 + 1]!, g.rects[i * 4 + 2]!, g.rects[i * 4 + 3]!);
  ctx.fill();
  if (240 * k >= 24) {
    ctx.strokeStyle = p.nodeBorder;
    ctx.stroke();
  }
  for (let c = 0; c < p.port.length; c++) {
    ctx.fillStyle = p.port[c]!;
    ctx.globalAlpha = 0.3;
    ctx.beginPath();
    for (const i of visible) if (g.color[i] === c) ctx.rect(g.rects[i * 4]!, g.rects[i * 4 + 1]!, g.rects[i * 4 + 2]!, g.rects[i * 4 + 3]!);
    ctx.fill();
    ctx.globalAlpha = 1;
    ctx.beginPath();
    for (const i of visible) if (g.color[i] === c) ctx.rect(g.rects[i * 4]!, g.rects[i * 4 + 1]!, g.rects[i * 4 + 2]!, HEADER_HEIGHT);
    ctx.fill();
  }
  if (selection.size) {
    ctx.beginPath();
    for (const i of visible) if (selection.has(g.ids[i]!)) ctx.rect(g.rects[i * 4]! - 4 / k, g.rects[i * 4 + 1]! - 4 / k, g.rects[i * 4 + 2]! + 8 / k, g.rects[i * 4 + 3]! + 8 / k);
    ctx.lineWidth = 2 / k;
    ctx.strokeStyle = p.selection;
    ctx.stroke();
  }
  if (visible.length <= LABEL_LIMIT) drawLabels(ctx, g, v, p, visible, thumbnail);
}
