import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { z } from 'zod';

/** ffprobe from npm (ffprobe-static), the same binary family the pipelines use. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const FFPROBE = (require('ffprobe-static') as { path: string }).path;

const Stream = z.looseObject({
  codec_type: z.string(),
  codec_name: z.string(),
  width: z.number().optional(),
  height: z.number().optional(),
  sample_rate: z.string().optional(),
  channels: z.number().optional(),
  r_frame_rate: z.string().optional(),
  nb_frames: z.string().optional(),
  duration: z.string().optional(),
});
const Probe = z.looseObject({ streams: z.array(Stream), format: z.looseObject({ duration: z.string().optional(), format_name: z.string() }) });
export type Probe = z.infer<typeof Probe>;

export function probe(file: string): Probe {
  fs.accessSync(FFPROBE, fs.constants.X_OK);
  const out = execFileSync(FFPROBE, ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file], { encoding: 'utf8' });
  return Probe.parse(JSON.parse(out));
}

export const stream = (p: Probe, type: string) => p.streams.find((s) => s.codec_type === type);

/** True when the MP4's index (moov) comes before its media (mdat): it plays while downloading. */
export function isFaststart(file: string): boolean {
  const b = fs.readFileSync(file);
  let at = 0;
  while (at + 8 <= b.length) {
    const size = b.readUInt32BE(at);
    const type = b.toString('latin1', at + 4, at + 8);
    if (type === 'moov') return true;
    if (type === 'mdat') return false;
    at += size === 1 ? Number(b.readBigUInt64BE(at + 8)) : size;
    if (size === 0) break;
  }
  return false;
}
