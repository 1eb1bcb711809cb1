import fs from 'node:fs';
import type { VideoParams } from '../../../core/previewParams';
import { badInput } from '../errors';
import { readLayoutFromPng } from '../image/layout';
import type { JobContext } from '../job';
import type { Meta } from '../registry';
import { ffmpeg, h264, BITEXACT_OUTPUT, SCALE_FLAGS } from '../tools/ffmpeg';
import { pngSize } from '../tools/png';
import { motionFor } from './motion';

/**
 * preview.video: a clip moved from the keyframe with the shot's camera move. zoompan runs on RGB
 * pixels of an upscaled copy, so its whole-pixel crop steps become sub-pixel steps in the output
 * (a smooth move instead of a jittery one). A keyframe from preview.image says where its picture is;
 * then only the picture moves and the slate and caption bars stay still and readable.
 */
export async function runVideo(ctx: JobContext<VideoParams>): Promise<Meta> {
  const p = ctx.params;
  const { width: W, height: H, fps } = ctx.format;
  const keyframe = ctx.input(p.keyframe, 'params.keyframe');
  const png = fs.readFileSync(keyframe);
  const size = pngSize(png, `keyframe ${p.keyframe}`);
  if (size.width < 16 || size.height < 16) throw badInput(`keyframe ${p.keyframe} is only ${size.width}×${size.height}`);
  const panel = readLayoutFromPng(png);
  // A panel of another size (another tier's keyframe) is scaled as a whole picture.
  const layout = panel && panel.width === size.width && panel.height === size.height && size.width === W && size.height === H ? panel : undefined;
  const frames = Math.max(1, Math.round(p.duration * fps));
  const m = motionFor(p.camera, p.motion, frames);
  const top = layout?.pictureTop ?? 0;
  const ph = layout?.pictureHeight ?? H;
  // 2× is enough: at 12–24 fps a half-pixel step does not read as jitter, and 4× costs 2.5× the time.
  const K = 2;
  const zoom = `zoompan=z='${m.z}':x='${m.x}':y='${m.y}':d=${frames}:s=${W}x${ph}:fps=${fps}`;
  const moved = `[0:v]format=rgb24,scale=${W}:${H}:flags=${SCALE_FLAGS},crop=${W}:${ph}:0:${top},scale=${W * K}:${ph * K}:flags=${SCALE_FLAGS},${zoom},setsar=1`;
  const graph = layout
    ? `${moved}[m];[1:v]format=rgb24,setsar=1[b];[b][m]overlay=0:${top}:eof_action=endall:shortest=1,format=yuv420p[v]`
    : `${moved},format=yuv420p[v]`;
  const inputs = layout ? ['-i', keyframe, '-loop', '1', '-framerate', String(fps), '-i', keyframe] : ['-i', keyframe];

  const out = ctx.temp('clip.mp4');
  ctx.progress(0, frames, 'move');
  await ffmpeg([...inputs, '-filter_complex', graph, '-map', '[v]', '-frames:v', String(frames), '-r', String(fps), ...h264(fps), '-an', ...BITEXACT_OUTPUT, out], {
    signal: ctx.signal,
    onTime: (s) => ctx.progress(Math.min(frames, Math.round(s * fps)), frames, 'move'),
  });
  ctx.commit(out, { name: 'clip.mp4', role: 'video', mime: 'video/mp4' });
  ctx.progress(frames, frames, 'done');
  return { frames, fps, duration: frames / fps, camera: p.camera, panel: Boolean(layout) };
}
