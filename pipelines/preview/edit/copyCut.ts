import { z } from 'zod';
import type { EditParams } from '../../../core/previewParams';
import { ffprobeJson } from '../tools/ffmpeg';

const Probe = z.looseObject({
  streams: z.array(
    z.looseObject({
      codec_type: z.string(),
      codec_name: z.string(),
      width: z.number().optional(),
      height: z.number().optional(),
      pix_fmt: z.string().optional(),
      r_frame_rate: z.string().optional(),
      nb_frames: z.string().optional(),
      profile: z.string().optional(),
      level: z.number().optional(),
      refs: z.number().optional(),
      has_b_frames: z.number().optional(),
    }),
  ),
});

/**
 * Whether the cut can join the clips as they are (the concat demuxer, no re-encode): a straight cut
 * of back-to-back H.264 clips that already have the cut's size, rate, pixel format and encoder
 * settings and exactly their timeline length in frames — which is what preview.video writes. Encoding
 * is most of an edit's time (film grain is expensive to compress), so this makes a re-cut take
 * seconds; anything else (crossfades, clips from other pipelines) goes through the full timeline.
 */
export async function canCopy(p: EditParams, files: readonly string[], format: { width: number; height: number; fps: number }, signal: AbortSignal): Promise<boolean> {
  if (p.transition === 'crossfade' && p.transitionDuration > 0) return false;
  let frame = 0;
  let settings: string | undefined;
  for (const [i, c] of p.clips.entries()) {
    const n = Math.round(c.duration * format.fps);
    if (Math.round(c.start * format.fps) !== frame) return false;
    frame += n;
    const parsed = Probe.safeParse(await ffprobeJson(files[i]!, signal));
    if (!parsed.success) return false;
    const streams = parsed.data.streams;
    const v = streams[0];
    if (streams.length !== 1 || !v || v.codec_type !== 'video' || v.codec_name !== 'h264') return false;
    if (v.width !== format.width || v.height !== format.height || v.pix_fmt !== 'yuv420p') return false;
    if (v.r_frame_rate !== `${format.fps}/1` || v.nb_frames !== String(n)) return false;
    const s = JSON.stringify([v.profile, v.level, v.refs, v.has_b_frames]);
    if (settings !== undefined && s !== settings) return false;
    settings = s;
  }
  return frame === Math.round(p.duration * format.fps);
}
