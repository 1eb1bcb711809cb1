import type { Appearance } from './appearance';
import { css, INK, mix, shade } from './color';
import { roundRect, type Ctx } from './draw';
import type { Pose } from './figure';

/**
 * A head in figure units (the figure is one unit tall): face detail grows with the head's size on
 * screen — dots for eyes in a wide shot, eyes, nose and a mouth that opens on a line in a close-up.
 */
export function drawHead(f: Ctx, a: Appearance, p: Pose, u: number): void {
  const r = a.body.head;
  const cy = -1 + r;
  const cx = p.facing * r * 0.12;
  const px = u * r; // head radius in pixels: how much face detail is worth drawing
  if (a.hairStyle === 'long' && !p.back) {
    // Long hair falls behind the head and over the shoulders.
    f.fillStyle = css(a.hair);
    f.beginPath();
    f.ellipse(cx, cy + r * 0.45, r * 1.02, r * 1.35, 0, 0, Math.PI * 2);
    f.fill();
    f.stroke();
  }
  f.fillStyle = css(a.skin);
  f.fillRect(-r * 0.35, cy + r * 0.6, r * 0.7, r * 0.7);
  f.beginPath();
  f.ellipse(cx, cy, r * 0.86, r, 0, 0, Math.PI * 2);
  f.fill();
  f.stroke();
  hair(f, a, p, cx, cy, r);
  if (p.back) return;
  if (px > 4) {
    // Eyes look where the figure faces.
    const ex = cx + p.facing * r * 0.3;
    const ey = cy - r * 0.05;
    for (const side of [-1, 1]) {
      const x = ex + side * r * 0.34 * (1 - Math.abs(p.facing) * 0.35);
      if (px > 16) {
        f.fillStyle = css([250, 248, 242]);
        f.beginPath();
        f.ellipse(x, ey, r * 0.15, r * 0.1, 0, 0, Math.PI * 2);
        f.fill();
      }
      f.fillStyle = css(INK);
      f.beginPath();
      f.arc(x + p.facing * r * 0.05, ey, r * (px > 16 ? 0.075 : 0.09), 0, Math.PI * 2);
      f.fill();
    }
    if (a.glasses) {
      f.save();
      f.lineWidth = Math.max(f.lineWidth, r * 0.05);
      for (const side of [-1, 1]) {
        f.beginPath();
        f.arc(ex + side * r * 0.34 * (1 - Math.abs(p.facing) * 0.35), ey, r * 0.2, 0, Math.PI * 2);
        f.stroke();
      }
      f.restore();
    }
    if (px > 10) {
      f.strokeStyle = css(shade(a.skin, -0.4));
      f.beginPath();
      f.moveTo(ex + p.facing * r * 0.12, ey + r * 0.1);
      f.lineTo(ex + p.facing * r * 0.22, ey + r * 0.32);
      f.lineTo(ex + p.facing * r * 0.08, ey + r * 0.36);
      f.stroke();
      f.strokeStyle = css(INK, 0.9);
      f.fillStyle = css(shade(a.skin, -0.55));
      f.beginPath();
      if (p.speaking) f.ellipse(ex, ey + r * 0.56, r * 0.16, r * 0.09, 0, 0, Math.PI * 2);
      else f.ellipse(ex, ey + r * 0.56, r * 0.15, r * 0.025, 0, 0, Math.PI * 2);
      f.fill();
    }
  }
  if (a.beard) {
    f.fillStyle = css(mix(a.hair, a.skin, 0.15));
    f.beginPath();
    f.ellipse(cx + p.facing * r * 0.15, cy + r * 0.55, r * 0.6, r * 0.42, 0, 0, Math.PI);
    f.fill();
    f.stroke();
  }
}

function hair(f: Ctx, a: Appearance, p: Pose, cx: number, cy: number, r: number): void {
  f.fillStyle = css(a.hair);
  const style = a.hairStyle;
  if (style !== 'bald') {
    if (p.back) {
      f.beginPath();
      f.ellipse(cx, cy - r * 0.02, r * 0.9, r * 1.02, 0, 0, Math.PI * 2);
      f.fill();
      f.stroke();
    } else {
      // A cap of hair over the crown whose fringe sweeps away from where the figure looks.
      const part = -p.facing * r * 0.25;
      const side = style === 'long' ? r * 0.35 : style === 'curly' ? r * 0.1 : -r * 0.15;
      f.beginPath();
      f.moveTo(cx - r * 0.86, cy + side);
      f.bezierCurveTo(cx - r * 1.0, cy - r * 1.25, cx + r * 1.0, cy - r * 1.25, cx + r * 0.86, cy + side);
      f.quadraticCurveTo(cx + r * 0.7, cy - r * 0.4, cx + part, cy - r * 0.5);
      f.quadraticCurveTo(cx - r * 0.6, cy - r * 0.45, cx - r * 0.86, cy + side);
      f.closePath();
      f.fill();
      f.stroke();
    }
    if (style === 'bun') {
      f.beginPath();
      f.arc(cx - p.facing * r * 0.3, cy - r * 1.02, r * 0.33, 0, Math.PI * 2);
      f.fill();
      f.stroke();
    } else if (style === 'curly') {
      for (let k = 0; k < 7; k++) {
        const t = Math.PI * (1.05 + (k / 6) * 0.9);
        f.beginPath();
        f.arc(cx + Math.cos(t) * r * 0.85, cy - r * 0.1 + Math.sin(t) * r * 0.88, r * 0.26, 0, Math.PI * 2);
        f.fill();
      }
    }
  }
  if (a.hat) {
    f.fillStyle = css(a.hat);
    f.beginPath();
    f.ellipse(cx, cy - r * 0.55, r * 0.95, r * 0.55, 0, Math.PI, Math.PI * 2);
    f.closePath();
    f.fill();
    f.stroke();
    roundRect(f, cx - r * 1.15, cy - r * 0.62, r * 2.3, r * 0.16, r * 0.08);
    f.fill();
    f.stroke();
  }
}
