/**
 * The storyboard panel: a slate bar on top, the picture, a caption bar below. The video pipeline moves
 * only the picture and keeps both bars still, so it must know where the picture is: the image pipeline
 * writes that into the PNG's Comment chunk and the video pipeline reads it back (a keyframe from any
 * other source has no such comment and is moved whole).
 */
export interface PanelLayout {
  width: number;
  height: number;
  /** Top of the picture area and its height, in pixels; both even so yuv420p crops stay aligned. */
  pictureTop: number;
  pictureHeight: number;
}

const even = (v: number) => 2 * Math.round(v / 2);

export function panelLayout(width: number, height: number): PanelLayout {
  const slate = even(height * 0.066);
  const caption = even(height * 0.138);
  return { width, height, pictureTop: slate, pictureHeight: height - slate - caption };
}

const MARK = 'bmad-panel ';

export function layoutComment(l: PanelLayout): string {
  return MARK + JSON.stringify({ v: 1, width: l.width, height: l.height, pictureTop: l.pictureTop, pictureHeight: l.pictureHeight });
}

/** Reads the layout from a PNG's tEXt "Comment" chunk; undefined when the PNG has none. */
export function readLayoutFromPng(png: Buffer): PanelLayout | undefined {
  let at = 8; // after the signature
  while (at + 8 <= png.length) {
    const len = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    if (type === 'IDAT' || type === 'IEND') return undefined;
    if (type === 'tEXt') {
      const body = png.toString('latin1', at + 8, at + 8 + len);
      const [key, value] = [body.slice(0, body.indexOf('\0')), body.slice(body.indexOf('\0') + 1)];
      if (key === 'Comment' && value.startsWith(MARK)) return parse(value.slice(MARK.length));
    }
    at += 12 + len;
  }
  return undefined;
}

function parse(json: string): PanelLayout | undefined {
  try {
    const v = JSON.parse(json) as Partial<PanelLayout> & { v?: number };
    const ints = [v.width, v.height, v.pictureTop, v.pictureHeight];
    if (v.v !== 1 || !ints.every((n) => Number.isInteger(n) && (n as number) >= 0)) return undefined;
    return { width: v.width!, height: v.height!, pictureTop: v.pictureTop!, pictureHeight: v.pictureHeight! };
  } catch {
    return undefined;
  }
}
