import type { AudioParams } from '../../../core/previewParams';
import type { JobContext } from '../job';
import type { Meta } from '../registry';
import { encodeWav } from '../tools/wav';
import { BED_RATE, synthBed } from './bed';
import { speak } from './speech';

/** preview.audio: a line of dialogue in the character's voice, or a music or ambience bed (WAV). */
export async function runAudio(ctx: JobContext<AudioParams>): Promise<Meta> {
  const p = ctx.params;
  if (p.mode === 'dialogue') {
    ctx.progress(0, 2, 'speak');
    const speech = await speak({ text: p.text, voice: p.voice, pitch: p.pitch, rate: p.rate }, ctx.temp('speech.pcm'), ctx.signal);
    ctx.progress(1, 2, 'mix');
    const spoken = speech.data.length / speech.sampleRate;
    const data = fit(speech.data, p.duration === null ? speech.data.length : Math.round(p.duration * speech.sampleRate), speech.sampleRate);
    ctx.write(encodeWav({ sampleRate: speech.sampleRate, channels: 1, data }), { name: 'dialogue.wav', role: 'audio', mime: 'audio/wav' });
    ctx.progress(2, 2, 'done');
    return { mode: p.mode, character: p.character, voice: p.voice, speechSeconds: round3(spoken), duration: round3(data.length / speech.sampleRate) };
  }
  ctx.progress(0, 1, 'synth');
  const data = synthBed(p, ctx.seed);
  ctx.write(encodeWav({ sampleRate: BED_RATE, channels: 1, data }), { name: `${p.mode}.wav`, role: 'audio', mime: 'audio/wav' });
  ctx.progress(1, 1, 'done');
  return { mode: p.mode, duration: round3(data.length / BED_RATE) };
}

const round3 = (v: number) => Math.round(v * 1000) / 1000;

/** Pads with silence or trims to `length` samples; a trim fades out over 30 ms so it does not click. */
function fit(x: Float32Array, length: number, rate: number): Float32Array {
  const out = new Float32Array(length);
  out.set(x.subarray(0, length));
  if (x.length > length) {
    const fade = Math.min(length, Math.round(0.03 * rate));
    for (let i = 0; i < fade; i++) out[length - 1 - i] = out[length - 1 - i]! * (i / fade);
  }
  return out;
}
