import type { ImageParams } from '../../../core/previewParams';
import { css } from './color';
import type { Ctx } from './draw';
import { SANS, SANS_BOLD, SANS_ITALIC } from './fonts';
import type { PanelLayout } from './layout';

const BAR = '#0e0e12';
const TEXT = [236, 232, 222] as const;

/**
 * The panel's paper: a slate above the picture (scene, shot, framing, move, length) and the action as
 * a caption below it, with a line of dialogue when there is room. Both bars stay still in the clip.
 */
export function drawBars(g: Ctx, l: PanelLayout, p: ImageParams): void {
  const { width: w, height: h, pictureTop: top, pictureHeight: ph } = l;
  const bottom = top + ph;
  g.fillStyle = BAR;
  g.fillRect(0, 0, w, top);
  g.fillRect(0, bottom, w, h - bottom);
  g.strokeStyle = css([255, 255, 255], 0.14);
  g.lineWidth = 1;
  g.strokeRect(0.5, top + 0.5, w - 1, ph - 1);

  const pad = Math.round(h * 0.03);
  const slateSize = Math.max(9, Math.round(top * 0.46));
  const mid = top / 2;
  g.textBaseline = 'middle';
  g.font = `${slateSize}px ${SANS_BOLD}`;
  g.fillStyle = css(TEXT);
  g.textAlign = 'left';
  const shotNo = p.shot ? String(p.shot.number).padStart(2, '0') : '—';
  const slate = `SC ${p.scene?.number ?? '—'}  ·  SHOT ${shotNo}`;
  g.fillText(slate, pad, mid);
  const slateW = g.measureText(slate).width;
  g.textAlign = 'right';
  g.font = `${slateSize}px ${SANS}`;
  g.fillStyle = css(TEXT, 0.72);
  const info = p.shot ? `${p.shot.framing.toUpperCase()}  ·  ${p.shot.camera.toUpperCase()}  ·  ${p.shot.duration.toFixed(1)} s` : '';
  g.fillText(info, w - pad, mid);
  const infoW = g.measureText(info).width;
  if (p.scene) {
    g.textAlign = 'center';
    g.fillStyle = css(TEXT, 0.5);
    const room = w - 2 * pad - 2 * Math.max(slateW, infoW) - 4 * pad;
    g.fillText(fit(g, p.scene.heading.toUpperCase(), room), w / 2, mid);
  }

  const capTop = bottom;
  const capH = h - bottom;
  const size = Math.max(10, Math.round(capH * 0.27));
  const lineH = size * 1.3;
  const maxW = w - 4 * pad;
  g.textAlign = 'center';
  g.font = `${size}px ${SANS}`;
  const action = (p.shot?.action || p.prompt).trim();
  const first = p.shot?.dialogue[0];
  const actionLines = wrap(g, action, maxW, first ? 1 : 2);
  const lines: { text: string; font: string; color: string }[] = actionLines.map((t) => ({ text: t, font: `${size}px ${SANS}`, color: css(TEXT, 0.95) }));
  if (first && lines.length < 2) {
    g.font = `${size}px ${SANS_ITALIC}`;
    lines.push({ text: fit(g, `${first.character.toUpperCase()}: “${first.line}”`, maxW), font: `${size}px ${SANS_ITALIC}`, color: css([240, 196, 120], 0.95) });
  }
  const y0 = capTop + capH / 2 - ((lines.length - 1) * lineH) / 2;
  lines.forEach((ln, i) => {
    g.font = ln.font;
    g.fillStyle = ln.color;
    g.fillText(ln.text, w / 2, y0 + i * lineH);
  });
}

/** Greedy word wrap into at most `max` lines; the last one ends with an ellipsis when text remains. */
function wrap(g: Ctx, text: string, width: number, max: number): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (let i = 0; i < words.length; i++) {
    const next = line ? `${line} ${words[i]}` : words[i]!;
    if (g.measureText(next).width <= width || !line) {
      line = next;
      continue;
    }
    if (lines.length === max - 1) return [...lines, fit(g, `${line} ${words.slice(i).join(' ')}`, width)];
    lines.push(line);
    line = words[i]!;
  }
  return line ? [...lines, fit(g, line, width)] : lines;
}

function fit(g: Ctx, text: string, width: number): string {
  if (g.measureText(text).width <= width) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const m = (lo + hi + 1) >> 1;
    if (g.measureText(text.slice(0, m).trimEnd() + '…').width <= width) lo = m;
    else hi = m - 1;
  }
  return text.slice(0, lo).trimEnd() + '…';
}
