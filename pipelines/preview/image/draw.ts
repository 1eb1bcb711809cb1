import type { SKRSContext2D } from '@napi-rs/canvas';
import type { Rng } from '../rng';
import { css, type RGB } from './color';

/** Drawing helpers shared by the backdrop, the room and the figures. */
export type Ctx = SKRSContext2D;

export function vGradient(g: Ctx, y0: number, y1: number, stops: [number, RGB, number?][]) {
  const grad = g.createLinearGradient(0, y0, 0, y1);
  for (const [at, c, a] of stops) grad.addColorStop(at, css(c, a ?? 1));
  return grad;
}

/** A smooth ridge line: a few sines with seeded phases, sampled across the width. */
export function ridge(r: Rng, width: number, base: number, amp: number, waves = 3): (x: number) => number {
  const parts = Array.from({ length: waves }, (_, i) => ({ f: (i + 1) * (0.8 + r() * 1.4), p: r() * Math.PI * 2, a: amp / (i + 1) }));
  return (x) => base - parts.reduce((s, w) => s + w.a * (0.5 + 0.5 * Math.sin((x / width) * Math.PI * 2 * w.f + w.p)), 0);
}

export function fillRidge(g: Ctx, width: number, bottom: number, y: (x: number) => number, fill: string | CanvasGradient) {
  g.beginPath();
  g.moveTo(0, bottom);
  for (let x = 0; x <= width; x += Math.max(2, width / 160)) g.lineTo(x, y(x));
  g.lineTo(width, y(width));
  g.lineTo(width, bottom);
  g.closePath();
  g.fillStyle = fill as string;
  g.fill();
}

export function glow(g: Ctx, x: number, y: number, r: number, c: RGB, alpha: number) {
  const grad = g.createRadialGradient(x, y, 0, x, y, r);
  grad.addColorStop(0, css(c, alpha));
  grad.addColorStop(0.35, css(c, alpha * 0.45));
  grad.addColorStop(1, css(c, 0));
  g.fillStyle = grad;
  g.fillRect(x - r, y - r, r * 2, r * 2);
}

export function roundRect(g: Ctx, x: number, y: number, w: number, h: number, r: number) {
  const rr = Math.max(0, Math.min(r, w / 2, h / 2));
  g.beginPath();
  g.moveTo(x + rr, y);
  g.arcTo(x + w, y, x + w, y + h, rr);
  g.arcTo(x + w, y + h, x, y + h, rr);
  g.arcTo(x, y + h, x, y, rr);
  g.arcTo(x, y, x + w, y, rr);
  g.closePath();
}
