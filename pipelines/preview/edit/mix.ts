import type { EditParams } from '../../../core/previewParams';

export const MIX_RATE = 48000;

export interface Track {
  mode: EditParams['audio'][number]['mode'];
  start: number;
  volume: number;
  samples: Float32Array;
}

/**
 * The sound of the cut, mixed here rather than with ffmpeg's amix (which rescales every input by the
 * number still playing, so levels would jump as lines start and stop). Dialogue plays once at its
 * start; beds loop from their start to the end; beds duck under dialogue so the words stay clear.
 */
export function mixTracks(tracks: readonly Track[], duration: number): Float32Array {
  const n = Math.max(1, Math.round(duration * MIX_RATE));
  const speech = new Float32Array(n);
  const beds = new Float32Array(n);
  const talking = new Uint8Array(n);
  for (const t of tracks) {
    const at = Math.round(t.start * MIX_RATE);
    if (t.samples.length === 0 || at >= n) continue;
    if (t.mode === 'dialogue') {
      const end = Math.min(n, at + t.samples.length);
      for (let i = at; i < end; i++) {
        speech[i] = speech[i]! + t.samples[i - at]! * t.volume;
        talking[i] = 1;
      }
    } else {
      for (let i = at; i < n; i++) beds[i] = beds[i]! + t.samples[(i - at) % t.samples.length]! * t.volume;
    }
  }
  const duck = duckingGain(talking, 0.45);
  const out = new Float32Array(n);
  let peak = 0;
  for (let i = 0; i < n; i++) {
    out[i] = speech[i]! + beds[i]! * duck[i]!;
    peak = Math.max(peak, Math.abs(out[i]!));
  }
  // Scale the whole mix down rather than clip when it runs hot.
  if (peak > 0.95) for (let i = 0; i < n; i++) out[i] = (out[i]! * 0.95) / peak;
  return out;
}

/** Gain for the beds: `floor` while anyone speaks, easing down in 0.15 s and back up over 0.6 s. */
function duckingGain(talking: Uint8Array, floor: number): Float32Array {
  const gain = new Float32Array(talking.length);
  const down = 1 / (0.15 * MIX_RATE);
  const up = 1 / (0.6 * MIX_RATE);
  // Look ahead so the bed is already down when the first word lands.
  const ahead = Math.round(0.15 * MIX_RATE);
  let g = 1;
  for (let i = 0; i < talking.length; i++) {
    const soon = talking[Math.min(talking.length - 1, i + ahead)]! || talking[i]!;
    g = soon ? Math.max(floor, g - down * (1 - floor)) : Math.min(1, g + up * (1 - floor));
    gain[i] = g;
  }
  return gain;
}
