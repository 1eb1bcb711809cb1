import { createCanvas } from '@napi-rs/canvas';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AudioParams, VideoParams } from '../../../core/previewParams';
import type { LoraTrainingParams } from '../../../pipelines/lora/params';
import type { GpuModality } from '../../../pipelines/gpuSchemas';
import { ada, imageParams } from './fixtures';
import type { GpuJobOptions } from './gpuJobs';

/** Valid params (and the inputs they name) for each kind of GPU pipeline, as the engine would build them. */

let png: string | undefined;

/** A small real PNG drawn with Skia, made once per run: keyframes, references and training images. */
export function pngFixture(): string {
  if (png) return png;
  const canvas = createCanvas(96, 54);
  const g = canvas.getContext('2d');
  g.fillStyle = '#2f4858';
  g.fillRect(0, 0, 96, 54);
  g.fillStyle = '#e0a458';
  g.fillRect(30, 10, 20, 40);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bmad-gpu-fixture-'));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  png = path.join(dir, 'figure.png');
  fs.writeFileSync(png, canvas.toBuffer('image/png'));
  return png;
}

export const videoParams = (over: Partial<VideoParams> = {}): VideoParams => ({
  prompt: 'the lamp swings in the wind',
  motion: 0.5,
  duration: 1.5,
  camera: 'push-in',
  framing: 'medium',
  keyframe: 'keyframe.png',
  ...over,
});

export const dialogueParams: AudioParams = {
  mode: 'dialogue',
  text: 'Keep it lit until the boats are in.',
  character: 'Ada',
  voice: 'en-us+f2',
  pitch: 45,
  rate: 150,
  duration: 2,
};

export const musicParams: AudioParams = { mode: 'music', text: 'a slow accordion waltz', duration: 3, style: null };

export const loraParams = (over: Partial<LoraTrainingParams> = {}): LoraTrainingParams => ({
  character: 'Ada',
  trigger: 'ada_bmad',
  base: 'sd15',
  images: [0, 1, 2, 3].map((i) => ({ input: `ada${i}.png`, caption: `ada_bmad, a lighthouse keeper, photo ${i}` })),
  rank: 16,
  steps: 400,
  learningRate: 0.0001,
  resolution: 512,
  ...over,
});

/** The params and inputs of a typical job of that modality. */
export function typicalJob(modality: GpuModality): { params: unknown; opts: GpuJobOptions } {
  const png = pngFixture();
  switch (modality) {
    case 'image':
      return {
        params: imageParams({ characters: [{ ...ada, reference: 'ada.png' }] }),
        opts: { inputs: { 'ada.png': { file: png, role: 'reference:0' } } },
      };
    case 'video':
      return { params: videoParams(), opts: { inputs: { 'keyframe.png': { file: png, role: 'keyframe' } } } };
    case 'audio':
      return { params: dialogueParams, opts: {} };
    case 'training':
      return {
        params: loraParams(),
        opts: { inputs: Object.fromEntries([0, 1, 2, 3].map((i) => [`ada${i}.png`, { file: png, role: `image:${i}` }])) },
      };
  }
}
