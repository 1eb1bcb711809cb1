import { rng, type Rng } from '../rng';
import { css, mix, shade, type RGB } from './color';
import { fillRidge, glow, ridge, vGradient, type Ctx } from './draw';
import type { Look } from './look';
import { drawSky } from './sky';

/** Horizon of an exterior in the wide shot, as a fraction of the picture height. */
export const HORIZON = 0.6;

/** Far layers fade into the sky's horizon colour (atmospheric perspective). */
const haze = (look: Look, c: RGB, depth: number): RGB => mix(c, look.sky.horizon, depth * (look.time === 'night' ? 0.45 : 0.6));

export function drawExterior(g: Ctx, look: Look, w: number, h: number, seed: number): void {
  const horizon = h * HORIZON;
  drawSky(g, look, w, h, horizon, seed);
  const r = rng(seed, `${look.sceneSalt}:land`);
  const land = mix(look.palette[0]!, [70, 88, 64], 0.45);
  const dim = (c: RGB) => shade(c, -look.dark * 0.8);
  if (look.motif === 'sea') sea(g, look, w, h, horizon, r, land, dim);
  else if (look.motif === 'city') city(g, look, w, h, horizon, r, dim);
  else layers(g, look, w, h, horizon, r, land, dim, look.motif === 'woods');
}

function sea(g: Ctx, look: Look, w: number, h: number, horizon: number, r: Rng, land: RGB, dim: (c: RGB) => RGB) {
  const headlandLeft = r() < 0.35;
  const head = ridge(r, w, horizon + h * 0.005, h * 0.07, 2);
  const hx = (x: number) => (headlandLeft ? x : w - x);
  // The headland: a cliff at one side, under the lighthouse when there is one.
  g.beginPath();
  g.moveTo(hx(w * 0.62), horizon + 1);
  for (let x = w * 0.62; x <= w; x += w / 80) g.lineTo(hx(x), Math.min(horizon, head(x) - h * 0.05 * ((x - w * 0.62) / (w * 0.38))));
  g.lineTo(hx(w), horizon + 1);
  g.closePath();
  g.fillStyle = css(dim(haze(look, shade(land, -0.2), 0.5)));
  g.fill();
  if (look.lighthouse) lighthouse(g, look, hx(w * 0.84), horizon - h * 0.045, h, dim);

  // Water mirrors the sky: bright at the horizon, darker and bluer towards the shore.
  const water = mix(shade(look.palette[0]!, -0.3), [34, 78, 106], 0.55);
  g.fillStyle = vGradient(g, horizon, h, [
    [0, mix(look.sky.horizon, water, 0.3)],
    [0.35, mix(look.sky.mid, water, 0.55)],
    [1, dim(mix(look.sky.top, water, 0.6))],
  ]);
  g.fillRect(0, horizon, w, h - horizon);
  // A path of glints under the sun or moon, and scattered ripples elsewhere.
  const lightX = look.time === 'dawn' ? w * 0.24 : look.time === 'day' ? w * 0.82 : w * (look.time === 'night' ? 0.78 : 0.7);
  const glint = look.time === 'night' ? ([220, 228, 255] as RGB) : mix(look.sky.horizon, [255, 240, 200], 0.6);
  for (let i = 0; i < 160; i++) {
    const t = Math.pow(r(), 1.5);
    const y = horizon + t * (h - horizon) * 0.75;
    const spread = w * (0.02 + t * 0.12);
    const onPath = i < 100;
    const x = onPath ? lightX + (r() + r() - 1) * spread : r() * w;
    const len = w * (0.008 + r() * 0.03) * (1 + t * 2);
    g.fillStyle = onPath ? css(glint, 0.25 + r() * 0.5 * (1 - t)) : css(shade(look.sky.horizon, 0.1), 0.08 + r() * 0.12);
    g.fillRect(x - len / 2, y, len, Math.max(1, (h / 420) * (1 + t)));
  }
  // The near shore: a band of rocks and sand where the figures stand.
  const shore = ridge(r, w, h * 0.8, h * 0.05, 3);
  fillRidge(g, w, h, shore, vGradient(g, h * 0.74, h, [
    [0, dim(mix(land, [196, 176, 140], 0.55))],
    [1, dim(shade(mix(land, [150, 130, 100], 0.4), -0.35))],
  ]));
  for (let i = 0; i < 12; i++) {
    const x = r() * w;
    const y = shore(x) + r() * h * 0.12;
    g.fillStyle = css(dim(shade(land, -0.45)), 0.8);
    g.beginPath();
    g.ellipse(x, y, h * (0.01 + r() * 0.03), h * (0.006 + r() * 0.012), 0, 0, Math.PI * 2);
    g.fill();
  }
}

function lighthouse(g: Ctx, look: Look, x: number, base: number, h: number, dim: (c: RGB) => RGB) {
  const tall = h * 0.3;
  const bw = h * 0.055;
  const tw = h * 0.035;
  const accent = look.palette[1] ?? ([180, 50, 50] as RGB);
  g.save();
  g.beginPath();
  g.moveTo(x - bw / 2, base);
  g.lineTo(x - tw / 2, base - tall);
  g.lineTo(x + tw / 2, base - tall);
  g.lineTo(x + bw / 2, base);
  g.closePath();
  g.fillStyle = css(dim([236, 232, 222]));
  g.fill();
  g.clip();
  for (let k = 1; k < 4; k += 2) {
    g.fillStyle = css(dim(accent));
    g.fillRect(x - bw, base - (tall * (k + 1)) / 4, bw * 2, tall / 4);
  }
  g.restore();
  g.fillStyle = css(dim([40, 40, 46]));
  g.fillRect(x - tw * 0.75, base - tall - h * 0.006, tw * 1.5, h * 0.008);
  const lamp: RGB = [255, 226, 150];
  const lit = look.time !== 'day';
  g.fillStyle = css(lit ? lamp : dim([200, 210, 220]));
  g.fillRect(x - tw * 0.4, base - tall - h * 0.035, tw * 0.8, h * 0.03);
  g.fillStyle = css(dim([40, 40, 46]));
  g.beginPath();
  g.moveTo(x - tw * 0.6, base - tall - h * 0.035);
  g.lineTo(x, base - tall - h * 0.06);
  g.lineTo(x + tw * 0.6, base - tall - h * 0.035);
  g.fill();
  if (lit) {
    glow(g, x, base - tall - h * 0.02, h * 0.12, lamp, 0.6);
    // The beam: a long soft wedge out to sea.
    const ly = base - tall - h * 0.02;
    const grad = g.createLinearGradient(x, ly, x - h * 1.2, ly);
    grad.addColorStop(0, css(lamp, 0.38));
    grad.addColorStop(1, css(lamp, 0));
    g.fillStyle = grad;
    g.beginPath();
    g.moveTo(x, ly - h * 0.008);
    g.lineTo(x - h * 1.2, ly - h * 0.07);
    g.lineTo(x - h * 1.2, ly + h * 0.05);
    g.lineTo(x, ly + h * 0.008);
    g.fill();
  }
}

function city(g: Ctx, look: Look, w: number, h: number, horizon: number, r: Rng, dim: (c: RGB) => RGB) {
  const stone = mix(look.palette[0]!, [96, 98, 110], 0.55);
  const night = look.time === 'night' || look.time === 'dusk';
  for (const [depth, tallest, count] of [[0.7, 0.28, 16], [0.35, 0.42, 10]] as const) {
    let x = -w * 0.02;
    for (let i = 0; i < count && x < w; i++) {
      const bw = (w / count) * (0.7 + r() * 0.8);
      const bh = h * tallest * (0.35 + r() * 0.65);
      const c = dim(haze(look, shade(stone, -0.2 - r() * 0.25), depth));
      g.fillStyle = css(c);
      g.fillRect(x, horizon + h * 0.06 - bh, bw - 2, bh + 2);
      // Windows in a grid; lit ones at night are warm.
      const cols = Math.max(2, Math.floor(bw / (h * 0.03)));
      const rows = Math.max(2, Math.floor(bh / (h * 0.04)));
      for (let cy = 1; cy < rows; cy++)
        for (let cx = 0; cx < cols; cx++) {
          const on = r() < (night ? 0.35 : 0.15);
          if (!on) continue;
          g.fillStyle = night ? css([255, 214, 140], 0.55 + 0.4 * (1 - depth)) : css(shade(look.sky.mid, 0.3), 0.5);
          g.fillRect(x + (cx + 0.3) * (bw / cols), horizon + h * 0.06 - bh + cy * (bh / rows), (bw / cols) * 0.4, (bh / rows) * 0.45);
        }
      x += bw;
    }
  }
  g.fillStyle = vGradient(g, horizon + h * 0.06, h, [
    [0, dim(shade(stone, -0.35))],
    [1, dim(shade(stone, -0.6))],
  ]);
  g.fillRect(0, horizon + h * 0.06, w, h);
  g.fillStyle = css(dim(shade(stone, -0.1)));
  g.fillRect(0, h * 0.8, w, h * 0.012);
  // A street lamp, lit after dark.
  const lx = w * (r() < 0.5 ? 0.1 : 0.9);
  g.fillStyle = css(dim([34, 34, 40]));
  g.fillRect(lx - h * 0.005, h * 0.32, h * 0.01, h * 0.5);
  if (night) glow(g, lx, h * 0.32, h * 0.16, [255, 210, 140], 0.75);
  g.fillStyle = css(night ? [255, 230, 170] : dim([70, 70, 80]));
  g.fillRect(lx - h * 0.018, h * 0.31, h * 0.036, h * 0.018);
}

function layers(g: Ctx, look: Look, w: number, h: number, horizon: number, r: Rng, land: RGB, dim: (c: RGB) => RGB, woods: boolean) {
  for (const [depth, base, amp] of [[0.75, horizon, h * 0.12], [0.45, horizon + h * 0.06, h * 0.09], [0, h * 0.8, h * 0.05]] as const) {
    const c = dim(haze(look, shade(land, -0.1 - (1 - depth) * 0.25), depth));
    const y = ridge(r, w, base, amp, 3);
    fillRidge(g, w, h, y, css(c));
    if (woods && depth > 0) {
      const tree = shade(c, -0.15);
      for (let x = -10; x < w + 10; x += h * (0.02 + r() * 0.03)) {
        const th = h * (0.05 + r() * 0.08) * (1.2 - depth);
        g.fillStyle = css(tree);
        g.beginPath();
        g.moveTo(x - th * 0.3, y(x) + 2);
        g.lineTo(x, y(x) - th);
        g.lineTo(x + th * 0.3, y(x) + 2);
        g.fill();
      }
    }
  }
}
