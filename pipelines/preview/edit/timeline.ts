import type { EditParams } from '../../../core/previewParams';
import { SCALE_FLAGS } from '../tools/ffmpeg';

/**
 * The picture of the cut as one ffmpeg filter graph. Each clip is fitted to the frame, held on its
 * last frame if it runs short, cut to its exact length in frames, shifted to its start, and laid over
 * a black base in order — so the cut always lasts exactly `duration`, and a crossfade is the later
 * clip fading in over the earlier one. (The 2018 ffmpeg we ship has no xfade or tpad filters.)
 */
export function videoGraph(p: EditParams, width: number, height: number, fps: number): { graph: string; frames: number } {
  const frames = Math.max(1, Math.round(p.duration * fps));
  const fade = p.transition === 'crossfade' ? p.transitionDuration : 0;
  const parts = [`color=c=black:s=${width}x${height}:r=${fps}:d=${(frames + 1) / fps}[base]`];
  let below = 'base';
  p.clips.forEach((c, k) => {
    const n = Math.max(1, Math.round(c.duration * fps));
    const startFrame = Math.round(c.start * fps);
    const fit = `scale=${width}:${height}:force_original_aspect_ratio=decrease:flags=${SCALE_FLAGS},pad=${width}:${height}:(ow-iw)/2:(oh-ih)/2,setsar=1`;
    parts.push(`[${k}:v]${fit},fps=${fps},format=yuv420p,setpts=PTS-STARTPTS[c${k}]`);
    parts.push(`color=c=black:s=${width}x${height}:r=${fps}:d=${(n + 1) / fps}[bg${k}]`);
    const fadeIn = k > 0 && fade > 0 ? `,format=yuva420p,fade=t=in:st=0:d=${Math.min(fade, c.duration)}:alpha=1` : '';
    parts.push(`[bg${k}][c${k}]overlay=eof_action=repeat,trim=end_frame=${n}${fadeIn},setpts=PTS-STARTPTS+${startFrame}/(${fps}*TB)[p${k}]`);
    parts.push(`[${below}][p${k}]overlay=eof_action=pass[o${k}]`);
    below = `o${k}`;
  });
  parts.push(`[${below}]trim=end_frame=${frames},format=yuv420p[v]`);
  return { graph: parts.join(';'), frames };
}
