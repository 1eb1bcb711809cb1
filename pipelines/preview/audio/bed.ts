import type { AudioParams } from '../../../core/previewParams';
import { hex, luma } from '../image/color';
import { rng, type Rng } from '../rng';

type BedParams = Extract<AudioParams, { mode: 'music' | 'ambience' }>;

export const BED_RATE = 48000;

/**
 * A music or ambience bed synthesised from the seed and the description: slow chord pads in a key
 * the seed picks (minor when the description or the style's palette is dark), a sparse bell melody
 * for music, and swelling filtered noise (sea, wind, rain, a room) for ambience. Plain arithmetic on
 * a wavetable, so the same params give the same samples on any machine.
 */
export function synthBed(p: BedParams, seed: number): Float32Array {
  const n = Math.max(1, Math.round(p.duration * BED_RATE));
  const out = new Float32Array(n);
  const text = p.text.toLowerCase();
  const r = rng(seed, `bed:${p.mode}:${text}`);
  const dark = /melanchol|sad|night|dark|tense|myster|lonely|storm|cold|grief/.test(text) || (!/warm|hope|joy|bright|gentle|happy|sun/.test(text) && paletteLuma(p) < 0.42);
  const root = 45 + Math.floor(r() * 8); // A2 … E3
  const chords = progression(dark, r);
  const chordSeconds = p.mode === 'music' ? 4 : 8;

  pads(out, root, chords, chordSeconds, p.mode === 'music' ? 0.16 : 0.07, r);
  if (p.mode === 'music') bells(out, root, dark, chordSeconds, r);
  else noiseBed(out, text, r);
  shape(out, p.duration);
  // Unit gain by contract: the edit applies the node's volume as a mix level.
  normalize(out, 0.5);
  return out;
}

function paletteLuma(p: BedParams): number {
  const pal = p.style?.palette ?? [];
  return pal.length ? pal.reduce((s, h) => s + luma(hex(h)), 0) / pal.length : 0.5;
}

/** Scale degrees (semitones from the root) of four chords; the seed picks one of two common loops. */
function progression(dark: boolean, r: Rng): number[][] {
  const major = [
    [[0, 4, 7], [7, 11, 14], [9, 12, 16], [5, 9, 12]], // I V vi IV
    [[0, 4, 7], [5, 9, 12], [9, 12, 16], [7, 11, 14]], // I IV vi V
  ];
  const minor = [
    [[0, 3, 7], [8, 12, 15], [3, 7, 10], [10, 14, 17]], // i VI III VII
    [[0, 3, 7], [5, 8, 12], [8, 12, 15], [7, 10, 14]], // i iv VI v
  ];
  const set = dark ? minor : major;
  return set[Math.floor(r() * set.length)]!;
}

const TABLE_SIZE = 4096;
/** One cycle of a soft, organ-like tone: a sine with a little second and third harmonic. */
const TABLE = (() => {
  const t = new Float32Array(TABLE_SIZE + 1);
  for (let i = 0; i <= TABLE_SIZE; i++) {
    const ph = (i / TABLE_SIZE) * Math.PI * 2;
    t[i] = (Math.sin(ph) + 0.28 * Math.sin(2 * ph) + 0.12 * Math.sin(3 * ph)) / 1.4;
  }
  return t;
})();
const SINE = (() => {
  const t = new Float32Array(TABLE_SIZE + 1);
  for (let i = 0; i <= TABLE_SIZE; i++) t[i] = Math.sin((i / TABLE_SIZE) * Math.PI * 2);
  return t;
})();

function lookup(table: Float32Array, phase: number): number {
  const x = phase * TABLE_SIZE;
  const i = Math.floor(x);
  const f = x - i;
  return table[i]! + (table[i + 1]! - table[i]!) * f;
}

const hz = (midi: number) => 440 * Math.pow(2, (midi - 69) / 12);

/** Chord pads: each chord swells in and overlaps the next, with a bass note an octave below. */
function pads(out: Float32Array, root: number, chords: number[][], seconds: number, level: number, r: Rng): void {
  const len = Math.round(seconds * BED_RATE);
  const fade = Math.round(Math.min(1.6, seconds / 3) * BED_RATE);
  for (let c = 0, start = 0; start < out.length; c++, start += len) {
    const chord = chords[c % chords.length]!;
    const notes = [root - 12 + chord[0]!, ...chord.map((d) => root + 12 + d)];
    const end = Math.min(out.length, start + len + fade);
    for (const [k, note] of notes.entries()) {
      for (const detune of [-0.07, 0, 0.06]) {
        const step = hz(note + detune) / BED_RATE;
        let phase = r();
        const gain = (level / notes.length) * (k === 0 ? 1.3 : 1) * (detune === 0 ? 0.5 : 0.35);
        for (let i = start; i < end; i++) {
          const t = i - start;
          const env = Math.min(1, t / fade, (end - i) / fade);
          out[i] = out[i]! + lookup(TABLE, phase) * gain * env * env;
          phase += step;
          if (phase >= 1) phase -= 1;
        }
      }
    }
  }
  lowpass(out, 1400);
}

/** A sparse melody on a pentatonic scale: bell tones that ring out, with an echo for space. */
function bells(out: Float32Array, root: number, dark: boolean, chordSeconds: number, r: Rng): void {
  const scale = dark ? [0, 3, 5, 7, 10] : [0, 2, 4, 7, 9];
  const beat = chordSeconds / 4;
  const ring = Math.round(2.2 * BED_RATE);
  let degree = 2;
  for (let t = chordSeconds; t < out.length / BED_RATE - 2; t += beat) {
    if (r() < 0.45) continue;
    degree = Math.max(0, Math.min(scale.length * 2 - 1, degree + Math.floor(r() * 5) - 2));
    const note = root + 24 + scale[degree % scale.length]! + 12 * Math.floor(degree / scale.length);
    const step = hz(note) / BED_RATE;
    const at = Math.round(t * BED_RATE);
    let phase = 0;
    for (let i = 0; i < ring && at + i < out.length; i++) {
      const env = Math.exp(-i / (0.45 * BED_RATE)) * Math.min(1, i / 80);
      out[at + i] = out[at + i]! + 0.09 * env * (lookup(SINE, phase) + 0.2 * lookup(SINE, (phase * 3) % 1));
      phase += step;
      if (phase >= 1) phase -= 1;
    }
  }
  const delay = Math.round(0.375 * BED_RATE);
  for (let i = delay; i < out.length; i++) out[i] = out[i]! + out[i - delay]! * 0.3;
}

/** Ambience: brown noise shaped by what the description names. */
function noiseBed(out: Float32Array, text: string, r: Rng): void {
  const sea = /sea|wave|shore|surf|harbou?r|beach|ocean|coast/.test(text);
  const rain = /rain|storm|drizzle/.test(text);
  const wind = /wind|gale|breeze|cliff|moor/.test(text);
  const swell = sea ? 7 + r() * 3 : wind ? 11 : 0;
  let brown = 0;
  let white = 0;
  for (let i = 0; i < out.length; i++) {
    const w = r() * 2 - 1;
    brown = brown * 0.995 + w * 0.06;
    white = w;
    const t = i / BED_RATE;
    let amp = 0.5;
    if (swell) amp = 0.25 + 0.75 * Math.pow(0.5 + 0.5 * Math.sin((t / swell) * Math.PI * 2 + Math.sin(t * 0.13) * 1.3), 2);
    let v = brown * amp * (sea || wind ? 1.4 : 0.6);
    if (rain) v += white * 0.04 + (r() < 0.0008 ? (r() - 0.5) * 0.6 : 0);
    out[i] = out[i]! + v;
  }
  lowpass(out, sea ? 900 : wind ? 600 : 2500);
}

function lowpass(x: Float32Array, cutoff: number): void {
  const a = 1 - Math.exp((-2 * Math.PI * cutoff) / BED_RATE);
  let y = 0;
  for (let i = 0; i < x.length; i++) {
    y += a * (x[i]! - y);
    x[i] = y;
  }
}

/** Fades at both ends so the bed never starts or stops with a click. */
function shape(x: Float32Array, duration: number): void {
  const fin = Math.round(Math.min(1.5, duration / 4) * BED_RATE);
  const fout = Math.round(Math.min(2.5, duration / 3) * BED_RATE);
  for (let i = 0; i < fin && i < x.length; i++) x[i] = x[i]! * (i / fin);
  for (let i = 0; i < fout && i < x.length; i++) x[x.length - 1 - i] = x[x.length - 1 - i]! * (i / fout);
}

function normalize(x: Float32Array, peak: number): void {
  let max = 0;
  for (let i = 0; i < x.length; i++) max = Math.max(max, Math.abs(x[i]!));
  if (max === 0) return;
  const k = peak / max;
  for (let i = 0; i < x.length; i++) x[i] = x[i]! * k;
}
