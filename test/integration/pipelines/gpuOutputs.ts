import { createCanvas, loadImage } from '@napi-rs/canvas';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { JobSpec, OutputFile } from '../../../core/contract';
import { binaries } from '../../../pipelines/preview/tools/binaries';
import { probe, stream } from './probe';

/** Checks one output file is what its mime says, at the job's format (what the engine downstream needs). */
export async function checkOutput(file: string, out: OutputFile, spec: JobSpec): Promise<void> {
  const where = `${out.name} (${out.mime})`;
  const { width, height, fps } = spec.format;
  const params = spec.params as { duration?: number | null };
  if (out.mime === 'image/png') {
    const b = fs.readFileSync(file);
    assert.equal(b.toString('hex', 0, 8), '89504e470d0a1a0a', `${where}: PNG signature`);
    assert.deepEqual([b.readUInt32BE(16), b.readUInt32BE(20)], [width, height], `${where}: size`);
    // A real decoder (Skia) reads it, and it shows a picture, not one flat colour.
    const image = await loadImage(b);
    const g = createCanvas(width, height).getContext('2d');
    g.drawImage(image, 0, 0);
    const row = g.getImageData(0, height - 1, width, 1).data;
    const colours = new Set<number>();
    for (let i = 0; i < row.length; i += 4) colours.add((row[i]! << 16) | (row[i + 1]! << 8) | row[i + 2]!);
    assert.ok(colours.size >= 2, `${where}: ${colours.size} colour in its bottom row`);
  } else if (out.mime === 'video/mp4') {
    const p = probe(file);
    const v = stream(p, 'video');
    assert.ok(v, `${where}: a video stream`);
    assert.equal(v.codec_name, 'h264', where);
    assert.deepEqual([v.width, v.height], [width, height], `${where}: size`);
    assert.equal(v.r_frame_rate, `${fps}/1`, `${where}: frame rate`);
    const frames = Math.round((params.duration ?? 0) * fps);
    assert.equal(Number(v.nb_frames), frames, `${where}: frames for the duration`);
    // Every frame decodes (ffmpeg reads the whole H.264 stream without an error), and the picture moves.
    const args = ['-v', 'error', '-i', file, '-vf', 'scale=8:4', '-pix_fmt', 'gray', '-f', 'rawvideo', '-'];
    const decoded = spawnSync(binaries().ffmpeg, args, { maxBuffer: 1 << 26 });
    assert.equal(decoded.status, 0, `${where}: ffmpeg exit`);
    assert.equal(decoded.stderr.toString(), '', `${where}: ffmpeg reports no decoding error`);
    const tiny = decoded.stdout;
    assert.equal(tiny.length, frames * 32, `${where}: decoded frames`);
    assert.notDeepEqual(tiny.subarray(0, 32), tiny.subarray(tiny.length - 32), `${where}: the first and last frames differ`);
  } else if (out.mime === 'audio/wav') {
    const p = probe(file);
    const a = stream(p, 'audio');
    assert.ok(a, `${where}: an audio stream`);
    assert.equal(a.codec_name, 'pcm_s16le', where);
    if (params.duration) assert.ok(Math.abs(Number(a.duration) - params.duration) < 0.01, `${where}: ${a.duration} s for ${params.duration} s`);
  } else if (out.name.endsWith('.safetensors')) {
    const header = safetensorsHeader(file);
    assert.ok(Object.keys(header).some((k) => k.includes('lora')), `${where}: LoRA tensors`);
  } else assert.fail(`${where}: no check for this kind of output`);
}

type Tensor = { dtype?: string; shape?: number[]; data_offsets?: number[] };

/** The JSON header of a .safetensors file (8-byte little-endian length, then JSON), checked to cover the data. */
export function safetensorsHeader(file: string): Record<string, Tensor | Record<string, string>> {
  const b = fs.readFileSync(file);
  const n = Number(b.readBigUInt64LE(0));
  const header = JSON.parse(b.toString('utf8', 8, 8 + n)) as ReturnType<typeof safetensorsHeader>;
  const ends = Object.entries(header)
    .filter(([k]) => k !== '__metadata__')
    .map(([, t]) => (t as { data_offsets: number[] }).data_offsets[1]!);
  assert.equal(8 + n + Math.max(...ends), b.length, `${path.basename(file)}: tensors fill the file`);
  return header;
}
