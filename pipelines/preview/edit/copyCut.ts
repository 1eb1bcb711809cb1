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
  const frames: number[] = [];
  for (const c of p.clips) {
    const n = Math.round(c.duration * format.fps);
    if (Math.round(c.start * format.fps) !== frame) return false;
    frame += n;
    frames.push(n);
  }
  if (frame !== Math.round(p.duration * format.fps)) return false;
  // One ffprobe per clip, a few at a time: each is mostly a process start, and a film has dozens of clips.
  const probes = await mapLimited(files, PROBES_AT_ONCE, async (file) => Probe.safeParse(await ffprobeJson(file, signal)));
  let settings: string | undefined;
  for (const [i, parsed] of probes.entries()) {
    if (!parsed.success) return false;
    const streams = parsed.data.streams;
    const v = streams[0];
    if (streams.length !== 1 || !v || v.codec_type !== 'video' || v.codec_name !== 'h264') return false;
    if (v.width !== format.width || v.height !== format.height || v.pix_fmt !== 'yuv420p') return false;
    if (v.r_frame_rate !== `${format.fps}/1` || v.nb_frames !== String(frames[i])) return false;
    const s = JSON.stringify([v.profile, v.level, v.refs, v.has_b_frames]);
    if (settings !== undefined && s !== settings) return false;
    settings = s;
  }
  return true;
}

const PROBES_AT_ONCE = 4;

/**
 * `f` over `items`, at most `limit` at a time, results in the items' order. The first failure is
 * thrown once the calls already started have ended (none is left running behind the job).
 */
async function mapLimited<T, R>(items: readonly T[], limit: number, f: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  let failed: { error: unknown } | undefined;
  const lane = async () => {
    while (!failed && next < items.length) {
      const i = next++;
      try {
        out[i] = await f(items[i]!);
      } catch (error) {
        failed ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  if (failed) throw failed.error;
  return out;
}
