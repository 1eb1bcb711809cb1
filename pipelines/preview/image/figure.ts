import { createCanvas } from '@napi-rs/canvas';
import type { Appearance } from './appearance';
import { css, INK, shade } from './color';
import { roundRect, type Ctx } from './draw';
import { drawHead } from './head';
import type { Look } from './look';

export interface Pose {
  /** Feet position in picture pixels (may lie below the frame for close framings). */
  x: number;
  y: number;
  /** Pixel height of this figure, crown to feet. */
  height: number;
  /** -1 looks to screen left, 0 at the camera, 1 to screen right. */
  facing: number;
  /** Seen from behind (the foreground shoulder of an over-the-shoulder shot). */
  back: boolean;
  speaking: boolean;
  /** Blur radius in pixels for a figure out of the focal plane. */
  blur: number;
}

/**
 * One character as a flat, ink-outlined storyboard figure, lit from the look's key side. Drawn on an
 * offscreen layer the size of the picture so that the light can be laid over the figure alone.
 */
export function drawFigure(g: Ctx, w: number, h: number, a: Appearance, p: Pose, look: Look): void {
  const layer = createCanvas(w, h);
  const f = layer.getContext('2d');
  const u = p.height; // one unit = the figure's height in pixels
  f.translate(p.x, p.y);
  f.scale(u, u);
  f.lineJoin = 'round';
  f.lineCap = 'round';
  f.lineWidth = Math.max(1.2, Math.min(u * 0.006, 5)) / u;
  f.strokeStyle = css(INK, 0.9);
  body(f, a, p);
  drawHead(f, a, p, u);

  // Key light on one side, cool shadow on the other; then the hour's darkness.
  f.resetTransform();
  f.globalCompositeOperation = 'source-atop';
  const span = Math.max(u * a.body.shoulder * 2.2, 4);
  const from = look.key.fromLeft ? p.x - span : p.x + span;
  const to = look.key.fromLeft ? p.x + span : p.x - span;
  const light = f.createLinearGradient(from, 0, to, 0);
  light.addColorStop(0, css(look.key.color, look.key.strength * 0.55));
  light.addColorStop(0.45, css(look.key.color, 0));
  light.addColorStop(0.55, css([20, 24, 48], 0));
  light.addColorStop(1, css([20, 24, 48], 0.32 + look.dark * 0.2));
  f.fillStyle = light;
  f.fillRect(0, 0, w, h);
  if (p.back) {
    f.fillStyle = css([10, 10, 16], 0.35);
    f.fillRect(0, 0, w, h);
  }
  g.save();
  if (p.blur > 0.5) g.filter = `blur(${p.blur.toFixed(1)}px)`;
  g.drawImage(layer, 0, 0);
  g.restore();
}

function body(f: Ctx, a: Appearance, p: Pose): void {
  const b = a.body;
  const neckY = -(1 - b.head * 2);
  const shoulderY = neckY + 0.035;
  const hipY = -0.47;
  // Legs and shoes.
  for (const side of [-1, 1]) {
    const x = side * b.hip * 0.5;
    f.fillStyle = css(a.legs);
    f.beginPath();
    f.moveTo(x - b.hip * 0.45, hipY);
    f.lineTo(x - b.hip * 0.3, -0.03);
    f.lineTo(x + b.hip * 0.3, -0.03);
    f.lineTo(x + b.hip * 0.45, hipY);
    f.closePath();
    f.fill();
    f.stroke();
    f.fillStyle = css(shade(a.legs, -0.6));
    f.beginPath();
    f.ellipse(x + p.facing * 0.02, -0.015, b.hip * 0.38 + Math.abs(p.facing) * 0.015, 0.018, 0, 0, Math.PI * 2);
    f.fill();
  }
  // Arms behind the coat's edge; the speaker's near arm lifts in a small gesture.
  for (const side of [-1, 1]) {
    if (gestures(p) && side === gestureSide(p)) continue;
    const sx = side * (b.shoulder - 0.02);
    const hx = side * (b.shoulder + 0.02);
    const hy = -0.44;
    f.strokeStyle = css(INK, 0.9);
    f.fillStyle = css(shade(a.coat, -0.12));
    f.beginPath();
    f.moveTo(sx - 0.03, shoulderY + 0.01);
    f.quadraticCurveTo(sx + side * 0.04, (shoulderY + hy) / 2, hx - 0.022, hy);
    f.lineTo(hx + 0.022, hy);
    f.quadraticCurveTo(sx + side * 0.075, (shoulderY + hy) / 2, sx + 0.03, shoulderY);
    f.closePath();
    f.fill();
    f.stroke();
    f.fillStyle = css(a.skin);
    f.beginPath();
    f.arc(hx, hy + 0.018, 0.024, 0, Math.PI * 2);
    f.fill();
    f.stroke();
  }
  // The coat: shoulders, waist, a flared hem below the hips.
  const hem = -0.38;
  f.fillStyle = css(a.coat);
  f.beginPath();
  f.moveTo(-b.shoulder * 0.55, neckY + 0.01);
  f.quadraticCurveTo(-b.shoulder, neckY + 0.005, -b.shoulder, shoulderY + 0.04);
  f.quadraticCurveTo(-b.waist * 1.02, -0.62, -b.waist, -0.55);
  f.lineTo(-b.hip * 1.1, hem);
  f.quadraticCurveTo(0, hem + 0.015, b.hip * 1.1, hem);
  f.lineTo(b.waist, -0.55);
  f.quadraticCurveTo(b.waist * 1.02, -0.62, b.shoulder, shoulderY + 0.04);
  f.quadraticCurveTo(b.shoulder, neckY + 0.005, b.shoulder * 0.55, neckY + 0.01);
  f.closePath();
  f.fill();
  f.stroke();
  // Accent: a scarf, or a shirt showing at the collar, and a belt — always some of the second colour.
  f.fillStyle = css(a.accent);
  if (a.scarf) {
    roundRect(f, -b.shoulder * 0.55, neckY - 0.005, b.shoulder * 1.1, 0.04, 0.015);
    f.fill();
    f.stroke();
    if (!p.back) {
      roundRect(f, b.shoulder * 0.1, neckY + 0.02, 0.035, 0.17, 0.01);
      f.fill();
      f.stroke();
    }
  } else if (!p.back) {
    f.beginPath();
    f.moveTo(-b.shoulder * 0.32, neckY + 0.012);
    f.lineTo(0, neckY + 0.09);
    f.lineTo(b.shoulder * 0.32, neckY + 0.012);
    f.closePath();
    f.fill();
    f.stroke();
  }
  f.fillStyle = css(shade(a.accent, -0.35));
  f.fillRect(-b.waist * 1.02, -0.56, b.waist * 2.04, 0.022);
  if (gestures(p)) gestureArm(f, a, shoulderY, gestureSide(p));
  if (!p.back) {
    f.fillStyle = css(shade(a.coat, -0.35));
    for (let k = 0; k < 3; k++) {
      f.beginPath();
      f.arc(0.004 + p.facing * 0.02, neckY + 0.13 + k * 0.09, 0.007, 0, Math.PI * 2);
      f.fill();
    }
  }
}

/** The speaker talks with a hand: the arm on the side they face bends up in front of the chest. */
const gestures = (p: Pose) => p.speaking && !p.back;
const gestureSide = (p: Pose) => (p.facing >= 0 ? 1 : -1);

function gestureArm(f: Ctx, a: Appearance, shoulderY: number, side: number): void {
  const b = a.body;
  const pts: [number, number][] = [
    [side * (b.shoulder - 0.01), shoulderY + 0.03],
    [side * (b.shoulder + 0.025), -0.6],
    [side * b.shoulder * 0.35, -0.67],
  ];
  const trace = () => {
    f.beginPath();
    f.moveTo(...pts[0]!);
    f.lineTo(...pts[1]!);
    f.lineTo(...pts[2]!);
  };
  const ink = f.lineWidth;
  f.save();
  f.strokeStyle = css(INK, 0.9);
  f.lineWidth = 0.05 + ink * 2;
  trace();
  f.stroke();
  f.strokeStyle = css(shade(a.coat, -0.08));
  f.lineWidth = 0.05;
  trace();
  f.stroke();
  f.restore();
  f.fillStyle = css(a.skin);
  f.beginPath();
  f.arc(pts[2]![0] - side * 0.01, pts[2]![1] - 0.012, 0.025, 0, Math.PI * 2);
  f.fill();
  f.stroke();
}
