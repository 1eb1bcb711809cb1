import fs from 'node:fs';
import type { EditParams } from '../../../core/previewParams';
import { badParams } from '../errors';
import type { JobContext } from '../job';
import type { Meta } from '../registry';
import { AAC, BITEXACT_OUTPUT, ffmpeg, h264 } from '../tools/ffmpeg';
import { encodeWav } from '../tools/wav';
import { canCopy } from './copyCut';
import { mixTracks, MIX_RATE, type Track } from './mix';
import { videoGraph } from './timeline';

/** preview.edit: the cut — clips on the timeline, dialogue over the beds, H.264 + AAC, exact length. */
export async function runEdit(ctx: JobContext<EditParams>): Promise<Meta> {
  const p = ctx.params;
  const { width, height, fps } = ctx.format;
  p.clips.forEach((c, i) => {
    if (c.start >= p.duration) throw badParams(`params.clips[${i}].start: ${c.start} s is at or after the end of the cut (${p.duration} s)`);
  });
  const clipFiles = p.clips.map((c, i) => ctx.input(c.input, `params.clips[${i}].input`));
  const audioFiles = p.audio.map((a, i) => ctx.input(a.input, `params.audio[${i}].input`));
  const steps = audioFiles.length + 2;

  // Every audio input is decoded by ffmpeg to one format, whatever made it (our WAVs or a GPU model's).
  const tracks: Track[] = [];
  for (const [i, a] of p.audio.entries()) {
    ctx.progress(i, steps, 'decode audio');
    const raw = await ffmpeg(['-i', audioFiles[i]!, '-vn', '-ac', '1', '-ar', String(MIX_RATE), '-f', 'f32le', 'pipe:1'], { signal: ctx.signal, captureStdout: true });
    const samples = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + (raw.length - (raw.length % 4))));
    tracks.push({ mode: a.mode, start: a.start, volume: a.volume, samples });
  }
  ctx.progress(audioFiles.length, steps, 'mix');
  const mixFile = ctx.temp('mix.wav');
  fs.writeFileSync(mixFile, encodeWav({ sampleRate: MIX_RATE, channels: 1, data: mixTracks(tracks, p.duration) }));

  const out = ctx.temp('cut.mp4');
  const onTime = (t: number) => ctx.progress(audioFiles.length + 1 + Math.min(1, t / p.duration), steps, 'encode');
  const copy = await canCopy(p, clipFiles, ctx.format, ctx.signal);
  const frames = Math.max(1, Math.round(p.duration * fps));
  if (copy) {
    const list = ctx.temp('clips.txt');
    fs.writeFileSync(list, clipFiles.map((f) => `file '${f.replace(/'/g, "'\\''")}'\n`).join(''));
    await ffmpeg(['-f', 'concat', '-safe', '0', '-i', list, '-i', mixFile, '-map', '0:v', '-map', '1:a', '-c:v', 'copy', ...AAC, '-t', String(frames / fps), ...BITEXACT_OUTPUT, out], { signal: ctx.signal, onTime });
    fs.rmSync(list, { force: true });
  } else {
    // No -frames:v: when one stream reaches a frame limit ffmpeg closes the file and cuts the audio short;
    // the graph trims the picture to the exact frame count and -t ends the sound at the same time.
    const { graph } = videoGraph(p, width, height, fps);
    const inputs = clipFiles.flatMap((f) => ['-i', f]);
    await ffmpeg(
      [...inputs, '-i', mixFile, '-filter_complex', graph, '-map', '[v]', '-map', `${clipFiles.length}:a`, '-r', String(fps), ...h264(fps), ...AAC, '-t', String(frames / fps), ...BITEXACT_OUTPUT, out],
      { signal: ctx.signal, onTime },
    );
  }
  fs.rmSync(mixFile, { force: true });
  ctx.commit(out, { name: 'cut.mp4', role: 'clip', mime: 'video/mp4' });
  ctx.progress(steps, steps, 'done');
  return { duration: frames / fps, frames, clips: p.clips.length, audio: p.audio.length, video: copy ? 'joined' : 'encoded' };
}
