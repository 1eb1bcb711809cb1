import fs from 'node:fs';
import type { OutputParams } from '../../../core/previewParams';
import { registerFonts } from '../image/fonts';
import type { JobContext } from '../job';
import type { Meta } from '../registry';
import { BITEXACT_OUTPUT, ffmpeg } from '../tools/ffmpeg';
import { pngSize } from '../tools/png';
import { contactSheet } from './contactSheet';
import { toSrt } from './srt';

/**
 * preview.output: the film as delivered — the cut remuxed (no re-encode) with the index up front so it
 * plays while it downloads, a soft subtitle track and an .srt beside it, and a contact sheet.
 */
export async function runOutput(ctx: JobContext<OutputParams>): Promise<Meta> {
  const p = ctx.params;
  const cut = ctx.input(p.cut, 'params.cut');
  const keyframes = p.keyframes.map((k, i) => ({ ...k, file: ctx.input(k.input, `params.keyframes[${i}].input`) }));
  const steps = 3;
  const srt = p.subtitles ? toSrt(p.cues, p.duration) : '';
  if (p.subtitles && !srt) ctx.log('subtitles are on but there is no dialogue: no subtitle track', 'warn');

  ctx.progress(0, steps, 'film');
  const film = ctx.temp('film.mp4');
  const subs = srt ? ctx.temp('film.srt') : undefined;
  if (subs) fs.writeFileSync(subs, srt);
  const subArgs = subs ? ['-f', 'srt', '-i', subs] : [];
  const subMap = subs ? ['-map', '1:0', '-c:s', 'mov_text'] : [];
  await ffmpeg(['-i', cut, ...subArgs, '-map', '0:v:0', '-map', '0:a?', ...subMap, '-c:v', 'copy', '-c:a', 'copy', ...BITEXACT_OUTPUT, '-movflags', '+faststart', film], {
    signal: ctx.signal,
  });
  ctx.commit(film, { name: 'film.mp4', role: 'film', mime: 'video/mp4' });
  if (subs) ctx.commit(subs, { name: 'film.srt', role: 'subtitles', mime: 'application/x-subrip' });

  if (p.contactSheet) {
    ctx.progress(1, steps, 'contact sheet');
    registerFonts();
    const items = keyframes.map((k) => {
      const png = fs.readFileSync(k.file);
      pngSize(png, `keyframe ${k.input}`);
      return { png, shotNumber: k.shotNumber, caption: k.caption };
    });
    const title = titleOf(p.file);
    const total = Math.round(p.duration);
    const m = Math.floor(total / 60);
    const s = total % 60;
    const subtitle = `${items.length} shots  ·  ${m}:${String(s).padStart(2, '0')}  ·  ${ctx.spec.tier} tier ${ctx.format.width}×${ctx.format.height} at ${ctx.format.fps} fps`;
    ctx.write(await contactSheet(title, subtitle, items), { name: 'contact-sheet.png', role: 'contact-sheet', mime: 'image/png' });
  }
  ctx.progress(steps, steps, 'done');
  return { duration: p.duration, subtitles: srt ? srt.split('\n\n').length : 0, keyframes: keyframes.length };
}

const SMALL = new Set(['a', 'an', 'and', 'at', 'by', 'for', 'in', 'of', 'on', 'or', 'the', 'to']);

/** `last-light-at-gull-point.mp4` → `Last Light at Gull Point`: the file name is all the title we get. */
export function titleOf(file: string): string {
  const words = file.replace(/\.mp4$/i, '').split(/[-_\s]+/).filter(Boolean);
  return words.map((w, i) => (i > 0 && SMALL.has(w.toLowerCase()) ? w.toLowerCase() : w[0]!.toUpperCase() + w.slice(1))).join(' ') || file;
}
