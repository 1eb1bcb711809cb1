import { createCanvas, type Canvas } from '@napi-rs/canvas';
import type { ImageParams } from '../../../core/previewParams';
import { appearanceOf } from './appearance';
import { css } from './color';
import type { Ctx } from './draw';
import { drawExterior, HORIZON } from './exterior';
import { drawFigure } from './figure';
import { finishPicture } from './finish';
import { drawInterior, FLOOR_LINE } from './interior';
import { panelLayout, type PanelLayout } from './layout';
import { makeLook } from './look';
import { drawBars } from './overlay';
import { backdropCamera, stage } from './staging';

/**
 * A storyboard panel: the backdrop of the scene at the hour, the characters of the shot staged for its
 * framing, the grade and grain, then the slate and caption bars. Pure: the same params and seed draw
 * the same pixels.
 */
export function drawPanel(p: ImageParams, width: number, height: number, seed: number): { canvas: Canvas; layout: PanelLayout } {
  const layout = panelLayout(width, height);
  const { pictureTop: top, pictureHeight: ph } = layout;
  const canvas = createCanvas(width, height);
  const g = canvas.getContext('2d');
  const look = makeLook(p.scene, p.style);
  const framing = p.shot?.framing ?? 'wide';
  const cam = backdropCamera(framing);

  // The backdrop is drawn once for the wide view on its own layer, then zoomed and blurred per framing.
  const world = createCanvas(width, ph);
  const wg = world.getContext('2d');
  let groundY: number;
  if (look.interior) {
    const { windowLeft } = drawInterior(wg, look, width, ph, 0);
    const lampSide = look.time === 'night' || look.time === 'dusk';
    const fromLeft = lampSide ? !windowLeft : windowLeft;
    look.key = { ...look.key, fromLeft, color: lampSide ? [255, 200, 140] : look.key.color };
    // Indoors the bloom comes from the lamp after dark and from the window by day.
    look.practical = lampSide
      ? { x: fromLeft ? 0.06 : 0.94, y: 0.4, color: [255, 190, 120], strength: 0.3 }
      : { x: fromLeft ? 0.2 : 0.8, y: 0.3, color: look.key.color, strength: 0.12 };
    groundY = ph * (FLOOR_LINE + 0.2);
  } else {
    drawExterior(wg, look, width, ph, 0);
    groundY = ph * (look.motif === 'sea' ? 0.9 : HORIZON + 0.28);
  }

  g.save();
  g.translate(0, top);
  g.beginPath();
  g.rect(0, 0, width, ph);
  g.clip();
  const zoomAt = (v: number, focal: number, size: number) => focal * size + (v - focal * size) * cam.zoom;
  g.save();
  if (cam.blur > 0) g.filter = `blur(${(cam.blur * ph).toFixed(2)}px)`;
  g.translate(cam.focalX * width, cam.focalY * ph);
  g.scale(cam.zoom, cam.zoom);
  g.translate(-cam.focalX * width, -cam.focalY * ph);
  g.drawImage(world, 0, 0);
  g.restore();

  const placed = stage(framing, p.characters, (c) => appearanceOf(c).body.stature, p.shot, width, ph, zoomAt(groundY, cam.focalY, ph), seed);
  // Nearer figures (feet lower on screen) are drawn last; the blurred foreground shoulder last of all.
  placed.sort((a, b) => Number(a.pose.back) - Number(b.pose.back) || a.pose.y - b.pose.y || a.pose.x - b.pose.x);
  for (const { character, pose } of placed) {
    if (pose.y < ph * 1.02 && !pose.back) shadow(g, pose.x, pose.y, pose.height, look.dark);
    drawFigure(g, width, ph, appearanceOf(character), pose, look);
  }
  g.restore();

  finishPicture(g, look, 0, top, width, ph, p.style.grain, seed);
  drawBars(g, layout, p);
  return { canvas, layout };
}

function shadow(g: Ctx, x: number, y: number, height: number, dark: number): void {
  g.fillStyle = css([8, 8, 14], 0.28 + dark * 0.1);
  g.beginPath();
  g.ellipse(x, y, height * 0.16, height * 0.025, 0, 0, Math.PI * 2);
  g.fill();
}
