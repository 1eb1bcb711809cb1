import { rng } from '../rng';
import { css } from './color';
import type { Ctx } from './draw';
import type { Look } from './look';

/**
 * The last passes over the picture: the hour's colour grade, a vignette, and film grain from the
 * style. Grain is the one thing the node's seed changes on purpose (takes differ in texture only).
 */
export function finishPicture(g: Ctx, look: Look, x: number, y: number, w: number, h: number, grain: number, seed: number): void {
  g.save();
  g.beginPath();
  g.rect(x, y, w, h);
  g.clip();
  if (look.grade) {
    g.globalCompositeOperation = look.grade.mode;
    g.fillStyle = css(look.grade.color, look.grade.alpha);
    g.fillRect(x, y, w, h);
    g.globalCompositeOperation = 'source-over';
  }
  if (look.practical) {
    // Bloom from the light in the scene: lifts the side it comes from out of the grade's murk.
    const { x: px, y: py, color, strength } = look.practical;
    const bloom = g.createRadialGradient(x + px * w, y + py * h, 0, x + px * w, y + py * h, w * 0.75);
    bloom.addColorStop(0, css(color, strength));
    bloom.addColorStop(1, css(color, 0));
    g.globalCompositeOperation = 'screen';
    g.fillStyle = bloom;
    g.fillRect(x, y, w, h);
    g.globalCompositeOperation = 'source-over';
  }
  const cx = x + w / 2;
  const cy = y + h / 2;
  const v = g.createRadialGradient(cx, cy, h * 0.35, cx, cy, Math.hypot(w, h) * 0.62);
  v.addColorStop(0, 'rgba(0,0,0,0)');
  v.addColorStop(1, `rgba(0,0,0,${(0.32 + look.dark * 0.25).toFixed(3)})`);
  g.fillStyle = v;
  g.fillRect(x, y, w, h);
  g.restore();
  if (grain > 0) addGrain(g, x, y, w, h, grain, seed);
}

function addGrain(g: Ctx, x: number, y: number, w: number, h: number, amount: number, seed: number): void {
  const r = rng(seed, 'grain');
  const img = g.getImageData(x, y, w, h);
  const d = img.data;
  const amp = amount * 34;
  for (let i = 0; i < d.length; i += 4) {
    // Luminance grain (the same offset on all channels), roughly Gaussian from two uniforms.
    const n = (r() + r() - 1) * amp;
    d[i] = d[i]! + n;
    d[i + 1] = d[i + 1]! + n;
    d[i + 2] = d[i + 2]! + n;
  }
  g.putImageData(img, x, y);
}
