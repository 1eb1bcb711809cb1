import { rng } from '../rng';
import { css, mix, shade, type RGB } from './color';
import { glow, roundRect, vGradient, type Ctx } from './draw';
import type { Look } from './look';

/** Where the floor meets the back wall in the wide shot, as a fraction of the picture height. */
export const FLOOR_LINE = 0.7;

/**
 * A room: back wall, a window onto the hour outside, floorboards in perspective, a lamp that glows
 * after dark and a shelf. Layout choices come from the scene's salt, so every shot of a scene is the
 * same room. The window side is where the key light comes from.
 */
export function drawInterior(g: Ctx, look: Look, w: number, h: number, seed: number): { windowLeft: boolean } {
  const r = rng(seed, `${look.sceneSalt}:room`);
  const floorY = h * FLOOR_LINE;
  const lit = look.time === 'night' || look.time === 'dusk';
  const wall = shade(mix(look.palette[0]!, [150, 136, 118], 0.55), -look.dark * 0.9);
  const windowLeft = r() < 0.5;
  const wx = windowLeft ? w * (0.1 + r() * 0.08) : w * (0.66 + r() * 0.08);
  const ww = w * 0.2;
  const wy = h * 0.12;
  const wh = h * 0.38;

  const wallGrad = g.createLinearGradient(windowLeft ? 0 : w, 0, windowLeft ? w : 0, 0);
  wallGrad.addColorStop(0, css(shade(wall, 0.12)));
  wallGrad.addColorStop(1, css(shade(wall, -0.18)));
  g.fillStyle = wallGrad;
  g.fillRect(0, 0, w, floorY);
  g.fillStyle = css(shade(wall, -0.3));
  g.fillRect(0, floorY - h * 0.035, w, h * 0.035);

  // The window: the sky of the hour and a strip of whatever is outside.
  g.fillStyle = vGradient(g, wy, wy + wh, [
    [0, look.sky.top],
    [0.7, look.sky.mid],
    [1, look.sky.horizon],
  ]);
  g.fillRect(wx, wy, ww, wh);
  const outside: RGB = look.motif === 'sea' ? [40, 80, 104] : look.motif === 'city' ? [70, 72, 86] : [70, 96, 66];
  g.fillStyle = css(shade(mix(outside, look.sky.horizon, 0.35), -look.dark));
  g.fillRect(wx, wy + wh * 0.72, ww, wh * 0.28);
  if (look.time === 'night') {
    g.fillStyle = css([236, 238, 228]);
    g.beginPath();
    g.arc(wx + ww * 0.7, wy + wh * 0.25, h * 0.02, 0, Math.PI * 2);
    g.fill();
  }
  const frame = shade(mix(look.palette[1] ?? wall, [92, 70, 52], 0.6), -0.25 - look.dark * 0.5);
  g.strokeStyle = css(frame);
  g.lineWidth = h * 0.014;
  g.strokeRect(wx, wy, ww, wh);
  g.lineWidth = h * 0.007;
  g.beginPath();
  g.moveTo(wx + ww / 2, wy);
  g.lineTo(wx + ww / 2, wy + wh);
  g.moveTo(wx, wy + wh * 0.45);
  g.lineTo(wx + ww, wy + wh * 0.45);
  g.stroke();
  if (!lit) glow(g, wx + ww / 2, wy + wh / 2, w * 0.35, look.key.color, 0.18);

  // Floorboards converging on a vanishing point above the floor line.
  const floor = shade(mix(look.palette[0]!, [110, 80, 58], 0.6), -0.25 - look.dark * 0.7);
  g.fillStyle = vGradient(g, floorY, h, [
    [0, shade(floor, -0.15)],
    [1, floor],
  ]);
  g.fillRect(0, floorY, w, h - floorY);
  g.strokeStyle = css(shade(floor, -0.3), 0.6);
  g.lineWidth = Math.max(1, h / 500);
  const vx = w / 2;
  const vy = h * 0.35;
  for (let k = -12; k <= 12; k++) {
    const bx = vx + k * w * 0.09;
    g.beginPath();
    g.moveTo(vx + (bx - vx) * ((floorY - vy) / (h - vy)), floorY);
    g.lineTo(bx, h);
    g.stroke();
  }
  if (!lit) {
    // Daylight through the window falls on the floor as a skewed patch.
    g.fillStyle = css(look.key.color, 0.12);
    g.beginPath();
    const dx = windowLeft ? w * 0.12 : -w * 0.12;
    g.moveTo(wx + dx, floorY + h * 0.04);
    g.lineTo(wx + ww + dx, floorY + h * 0.04);
    g.lineTo(wx + ww + dx * 2.5, h);
    g.lineTo(wx + dx * 2.5, h);
    g.fill();
  }

  // A shelf with books on the far side from the window, and a lamp.
  const sx = windowLeft ? w * (0.62 + r() * 0.1) : w * (0.12 + r() * 0.08);
  const sw = w * 0.2;
  const sy = h * (0.26 + r() * 0.08);
  g.fillStyle = css(shade(frame, 0.1));
  g.fillRect(sx, sy, sw, h * 0.012);
  let bx = sx + sw * 0.04;
  while (bx < sx + sw * 0.92) {
    const bw = sw * (0.03 + r() * 0.04);
    const bh = h * (0.05 + r() * 0.05);
    const book = shade(look.palette[Math.floor(r() * look.palette.length)]!, -0.2 - look.dark * 0.6 + r() * 0.2);
    g.fillStyle = css(book);
    g.fillRect(bx, sy - bh, bw, bh);
    bx += bw + sw * 0.005;
  }
  const lx = windowLeft ? w * 0.9 : w * 0.08;
  const ly = h * 0.52;
  g.fillStyle = css(shade(frame, -0.2));
  g.fillRect(lx - h * 0.004, ly, h * 0.008, floorY - ly);
  if (lit) {
    // A pool of lamplight on the floor and the wall behind: the warm side of a night room.
    g.fillStyle = css([255, 190, 110], 0.12);
    g.beginPath();
    g.ellipse(lx, floorY + h * 0.06, w * 0.16, h * 0.05, 0, 0, Math.PI * 2);
    g.fill();
    glow(g, lx, ly - h * 0.02, h * 0.62, [255, 196, 120], 0.7);
  }
  roundRect(g, lx - h * 0.05, ly - h * 0.07, h * 0.1, h * 0.075, h * 0.012);
  g.fillStyle = css(lit ? [255, 226, 170] : shade(mix(look.palette[1] ?? wall, [230, 220, 200], 0.5), -look.dark));
  g.fill();
  if (lit) glow(g, lx, ly - h * 0.03, h * 0.12, [255, 240, 200], 0.8);
  return { windowLeft };
}

