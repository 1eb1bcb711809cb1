import type { Geometry } from '../overview/geometry';

/** Maps flow coordinates into the minimap box, fitting the canvas bounds with a margin. */
export interface MinimapFrame {
  readonly scale: number;
  readonly ox: number;
  readonly oy: number;
}

export function minimapFrame(g: Geometry, width: number, height: number): MinimapFrame {
  const b = g.bounds;
  const pad = 8;
  const scale = Math.min((width - 2 * pad) / Math.max(b.width, 1), (height - 2 * pad) / Math.max(b.height, 1));
  return { scale, ox: pad - b.x * scale + (width - 2 * pad - b.width * scale) / 2, oy: pad - b.y * scale + (height - 2 * pad - b.height * scale) / 2 };
}

export function drawMinimap(ctx: CanvasRenderingContext2D, g: Geometry, f: MinimapFrame, colors: readonly string[], dpr: number, width: number, height: number): void {
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  for (let c = 0; c < colors.length; c++) {
    ctx.beginPath();
    for (let i = 0; i < g.count; i++) {
      if (g.color[i] !== c) continue;
      const o = i * 4;
      // At least one pixel, so a big canvas still shows every node.
      ctx.rect(g.rects[o]! * f.scale + f.ox, g.rects[o + 1]! * f.scale + f.oy, Math.max(1, g.rects[o + 2]! * f.scale), Math.max(1, g.rects[o + 3]! * f.scale));
    }
    ctx.fillStyle = colors[c]!;
    ctx.fill();
  }
}
