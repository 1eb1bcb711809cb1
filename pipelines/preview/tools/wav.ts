import { badInput } from '../errors';

/** 16-bit PCM WAV, the one audio format the preview pipelines write. */
export interface Pcm {
  sampleRate: number;
  channels: number;
  /** Interleaved samples in [-1, 1]. */
  data: Float32Array;
}

export function encodeWav(pcm: Pcm): Buffer {
  const n = pcm.data.length;
  const buf = Buffer.alloc(44 + n * 2);
  buf.write('RIFF', 0, 'latin1');
  buf.writeUInt32LE(36 + n * 2, 4);
  buf.write('WAVE', 8, 'latin1');
  buf.write('fmt ', 12, 'latin1');
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(1, 20);
  buf.writeUInt16LE(pcm.channels, 22);
  buf.writeUInt32LE(pcm.sampleRate, 24);
  buf.writeUInt32LE(pcm.sampleRate * pcm.channels * 2, 28);
  buf.writeUInt16LE(pcm.channels * 2, 32);
  buf.writeUInt16LE(16, 34);
  buf.write('data', 36, 'latin1');
  buf.writeUInt32LE(n * 2, 40);
  // An Int16Array view over the body is ~20× faster than writeInt16LE per sample (x86 is little-endian,
  // and so is every platform Node ships for).
  const body = new Int16Array(buf.buffer, buf.byteOffset + 44, n);
  for (let i = 0; i < n; i++) {
    const v = Math.max(-1, Math.min(1, pcm.data[i]!));
    body[i] = Math.round(v * 32767);
  }
  return buf;
}

/** Reads a 16-bit PCM WAV (ours); anything else is BAD_INPUT (the edit decodes other formats with ffmpeg). */
export function decodeWav(buf: Buffer, what: string): Pcm {
  if (buf.length < 44 || buf.toString('latin1', 0, 4) !== 'RIFF' || buf.toString('latin1', 8, 12) !== 'WAVE') throw badInput(`${what} is not a WAV file`);
  let at = 12;
  let fmt: { channels: number; sampleRate: number; bits: number; format: number } | undefined;
  while (at + 8 <= buf.length) {
    const id = buf.toString('latin1', at, at + 4);
    const size = buf.readUInt32LE(at + 4);
    if (id === 'fmt ') fmt = { format: buf.readUInt16LE(at + 8), channels: buf.readUInt16LE(at + 10), sampleRate: buf.readUInt32LE(at + 12), bits: buf.readUInt16LE(at + 22) };
    if (id === 'data') {
      if (!fmt || fmt.format !== 1 || fmt.bits !== 16) throw badInput(`${what} is not 16-bit PCM`);
      const n = Math.floor(Math.min(size, buf.length - at - 8) / 2);
      const data = new Float32Array(n);
      for (let i = 0; i < n; i++) data[i] = buf.readInt16LE(at + 8 + i * 2) / 32768;
      return { sampleRate: fmt.sampleRate, channels: fmt.channels, data };
    }
    at += 8 + size + (size & 1);
  }
  throw badInput(`${what} has no data chunk`);
}
