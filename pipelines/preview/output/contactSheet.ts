import { createCanvas, loadImage, type Image } from '@napi-rs/canvas';
import { css, INK } from '../image/color';
import type { Ctx } from '../image/draw';
import { SANS, SANS_BOLD } from '../image/fonts';
import { readLayoutFromPng } from '../image/layout';

export interface SheetItem {
  png: Buffer;
  shotNumber: number | null;
  caption: string;
}

const PAPER = [244, 240, 231] as const;
const COLS = 4;
const THUMB_W = 360;

/**
 * A storyboard page: every keyframe in edit order on paper, numbered, with its action underneath.
 * Keyframes from preview.image are cropped to their picture (their own slate and caption would be
 * unreadably small here); the sheet sets its labels in a size one can read.
 */
export async function contactSheet(title: string, subtitle: string, items: readonly SheetItem[]): Promise<Buffer> {
  const images: { img: Image; crop: [number, number, number, number] }[] = [];
  for (const it of items) {
    const img = await loadImage(it.png);
    const l = readLayoutFromPng(it.png);
    const crop: [number, number, number, number] = l && l.width === img.width && l.height === img.height ? [0, l.pictureTop, l.width, l.pictureHeight] : [0, 0, img.width, img.height];
    images.push({ img, crop });
  }
  const aspect = images.length ? Math.max(...images.map((i) => i.crop[3] / i.crop[2])) : 9 / 16;
  const thumbH = Math.round(THUMB_W * aspect);
  const gap = 28;
  const captionH = 58;
  const header = 96;
  const cols = Math.min(COLS, Math.max(1, items.length));
  const rows = Math.max(1, Math.ceil(items.length / COLS));
  const width = gap + cols * (THUMB_W + gap);
  const height = header + rows * (thumbH + captionH + gap) + gap;
  const canvas = createCanvas(width, height);
  const g = canvas.getContext('2d');
  g.fillStyle = css(PAPER);
  g.fillRect(0, 0, width, height);

  g.fillStyle = css(INK);
  g.textBaseline = 'alphabetic';
  g.textAlign = 'left';
  g.font = `26px ${SANS_BOLD}`;
  g.fillText(title, gap, 48);
  g.font = `15px ${SANS}`;
  g.fillStyle = css(INK, 0.65);
  g.fillText(subtitle, gap, 74);
  g.fillStyle = css(INK, 0.25);
  g.fillRect(gap, header - 12, width - 2 * gap, 1);

  items.forEach((it, i) => {
    const x = gap + (i % COLS) * (THUMB_W + gap);
    const y = header + Math.floor(i / COLS) * (thumbH + captionH + gap);
    const { img, crop } = images[i]!;
    g.fillStyle = css([0, 0, 0], 0.18);
    g.fillRect(x + 3, y + 4, THUMB_W, thumbH);
    g.drawImage(img, crop[0], crop[1], crop[2], crop[3], x, y + (thumbH - (THUMB_W * crop[3]) / crop[2]) / 2, THUMB_W, (THUMB_W * crop[3]) / crop[2]);
    g.strokeStyle = css(INK, 0.85);
    g.lineWidth = 1.5;
    g.strokeRect(x + 0.75, y + 0.75, THUMB_W - 1.5, thumbH - 1.5);
    badge(g, x, y, it.shotNumber === null ? String(i + 1) : String(it.shotNumber).padStart(2, '0'));
    g.fillStyle = css(INK, 0.85);
    g.font = `13px ${SANS}`;
    g.textAlign = 'left';
    lines(g, it.caption, THUMB_W, 2).forEach((ln, k) => g.fillText(ln, x, y + thumbH + 22 + k * 18));
  });
  return canvas.encode('png');
}

function badge(g: Ctx, x: number, y: number, label: string): void {
  g.font = `bold 15px ${SANS_BOLD}`;
  const w = g.measureText(label).width + 16;
  g.fillStyle = css(INK, 0.88);
  g.fillRect(x, y, w, 24);
  g.fillStyle = css(PAPER);
  g.textAlign = 'left';
  g.textBaseline = 'middle';
  g.fillText(label, x + 8, y + 12.5);
  g.textBaseline = 'alphabetic';
}

function lines(g: Ctx, text: string, width: number, max: number): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const out: string[] = [];
  let line = '';
  for (const w of words) {
    const next = line ? `${line} ${w}` : w;
    if (g.measureText(next).width <= width || !line) line = next;
    else {
      out.push(line);
      line = w;
    }
  }
  if (line) out.push(line);
  if (out.length > max) {
    const last = out.slice(max - 1).join(' ');
    let cut = last;
    while (cut && g.measureText(cut + '…').width > width) cut = cut.slice(0, -1);
    return [...out.slice(0, max - 1), cut.trimEnd() + '…'];
  }
  return out;
}
