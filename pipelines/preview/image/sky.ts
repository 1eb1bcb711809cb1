import { rng } from '../rng';
import { css, mix, shade } from './color';
import { glow, vGradient, type Ctx } from './draw';
import type { Look } from './look';

/**
 * The sky of a scene: gradient, sun or moon, stars, clouds. Drawn in "world" pixels of the wide shot;
 * the framing zooms into it. Random choices use the scene's salt so every shot of a scene matches.
 */
export function drawSky(g: Ctx, look: Look, w: number, h: number, horizon: number, seed: number): void {
  const r = rng(seed, `${look.sceneSalt}:sky`);
  const { top, mid, horizon: low } = look.sky;
  g.fillStyle = vGradient(g, 0, horizon, [
    [0, top],
    [0.55, mid],
    [1, low],
  ]);
  g.fillRect(0, 0, w, horizon + 2);

  if (look.time === 'night') {
    for (let i = 0; i < 140; i++) {
      const x = r() * w;
      const y = Math.pow(r(), 1.6) * horizon * 0.9;
      const s = 0.5 + r() * 1.2 * (h / 480);
      g.fillStyle = css([235, 238, 255], 0.35 + r() * 0.6);
      g.fillRect(x, y, s, s);
    }
    const mx = w * 0.78;
    const my = h * 0.17;
    const mr = h * 0.04;
    glow(g, mx, my, mr * 6, [190, 205, 255], 0.25);
    g.fillStyle = css([238, 240, 228]);
    g.beginPath();
    g.arc(mx, my, mr, 0, Math.PI * 2);
    g.fill();
    g.fillStyle = css(mix(top, mid, 0.5));
    g.beginPath();
    g.arc(mx + mr * 0.45, my - mr * 0.2, mr * 0.9, 0, Math.PI * 2);
    g.fill();
  } else {
    const sun = { day: { x: 0.82, y: 0.12, r: 0.035 }, dawn: { x: 0.24, y: 0.9, r: 0.06 }, dusk: { x: 0.7, y: 0.88, r: 0.065 } }[look.time];
    const sx = w * sun.x;
    const sy = horizon * sun.y;
    const warm = look.time === 'day' ? shade(low, 0.6) : mix(low, [255, 236, 190], 0.5);
    glow(g, sx, sy, h * sun.r * 9, warm, look.time === 'day' ? 0.35 : 0.7);
    g.fillStyle = css(shade(warm, 0.5));
    g.beginPath();
    g.arc(sx, sy, h * sun.r, 0, Math.PI * 2);
    g.fill();
  }

  // Clouds: clusters of soft ellipses, lit from below at dawn and dusk.
  const count = look.time === 'night' ? 3 : 5;
  for (let i = 0; i < count; i++) {
    const cx = r() * w;
    const cy = horizon * (0.15 + r() * 0.5);
    const cw = w * (0.1 + r() * 0.14);
    const body = look.time === 'night' ? mix(top, mid, 0.8) : look.time === 'day' ? ([250, 251, 255] as const) : shade(mid, 0.25);
    const belly = look.time === 'day' ? shade(mid, 0.45) : mix(low, [255, 200, 150], 0.3);
    for (let k = 0; k < 6; k++) {
      const ex = cx + (r() - 0.5) * cw;
      const ey = cy + (r() - 0.5) * cw * 0.12;
      const rx = cw * (0.22 + r() * 0.25);
      const ry = rx * (0.32 + r() * 0.12);
      const grad = g.createLinearGradient(0, ey - ry, 0, ey + ry);
      grad.addColorStop(0, css(body, look.time === 'night' ? 0.35 : 0.75));
      grad.addColorStop(1, css(belly, look.time === 'night' ? 0.25 : 0.6));
      g.fillStyle = grad;
      g.beginPath();
      g.ellipse(ex, ey, rx, ry, 0, 0, Math.PI * 2);
      g.fill();
    }
  }
}
