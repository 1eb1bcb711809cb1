import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/**
 * Chromium drops a data-channel message over 262,144 bytes without an error, so every message goes as
 * chunks of at most CHUNK_BYTES: a first chunk `[0, id, totalBytes, payload…]` (kind 2 instead of 0:
 * the message is deflated, deflate.ts), then continuations `[1, id, payload…]`. The channel is ordered
 * and reliable, so a message's chunks arrive in a row: anything else (a continuation of another id, a
 * new message before the last one is whole, more bytes than announced, a message over the cap) is a
 * ChunkError, reported and never skipped.
 */

export const CHUNK_BYTES = 64 * 1024;
/** Default cap on one reassembled message; a 5,000-node canvas is a few MB. */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

const FIRST = 0;
const NEXT = 1;
const FIRST_DEFLATED = 2;

/** A message put back together: its bytes as sent, and whether they are deflated. */
export interface Whole {
  readonly bytes: Uint8Array<ArrayBuffer>;
  readonly deflated: boolean;
}

export class ChunkError extends Error {
  override name = 'ChunkError';
}

/** Splits one message into data-channel-sized chunks. */
export class Chunker {
  private nextId = 0;

  constructor(private readonly maxMessageBytes = MAX_MESSAGE_BYTES) {}

  split(message: Uint8Array, deflated = false): Uint8Array<ArrayBuffer>[] {
    if (message.length > this.maxMessageBytes) {
      throw new ChunkError(`message of ${message.length} bytes is over the cap of ${this.maxMessageBytes}`);
    }
    const id = this.nextId++;
    const chunks: Uint8Array<ArrayBuffer>[] = [];
    let offset = 0;
    do {
      const e = encoding.createEncoder();
      encoding.writeUint8(e, offset > 0 ? NEXT : deflated ? FIRST_DEFLATED : FIRST);
      encoding.writeVarUint(e, id);
      if (offset === 0) encoding.writeVarUint(e, message.length);
      // Headers are at most 1 + 2 × 5 bytes: keep each chunk within CHUNK_BYTES.
      const end = Math.min(message.length, offset + CHUNK_BYTES - 16);
      encoding.writeUint8Array(e, message.subarray(offset, end));
      chunks.push(encoding.toUint8Array(e));
      offset = end;
    } while (offset < message.length);
    return chunks;
  }
}

/** Puts chunks back together; holds at most one partial message (bounded by the cap). */
export class Reassembler {
  private current: { id: number; buffer: Uint8Array<ArrayBuffer>; filled: number; deflated: boolean } | undefined;

  constructor(private readonly maxMessageBytes = MAX_MESSAGE_BYTES) {}

  /** The whole message when this chunk completes one, else undefined. */
  push(chunk: Uint8Array): Whole | undefined {
    const d = decoding.createDecoder(chunk);
    let kind: number;
    let id: number;
    try {
      kind = decoding.readUint8(d);
      id = decoding.readVarUint(d);
      if (kind === FIRST || kind === FIRST_DEFLATED) return this.first(id, decoding.readVarUint(d), chunk.subarray(d.pos), kind === FIRST_DEFLATED);
    } catch (e) {
      throw new ChunkError(`unreadable chunk header (${(e as Error).message})`);
    }
    if (kind !== NEXT) throw new ChunkError(`unknown chunk kind ${kind}`);
    return this.next(id, chunk.subarray(d.pos));
  }

  private first(id: number, total: number, payload: Uint8Array, deflated: boolean): Whole | undefined {
    if (this.current) throw new ChunkError(`message ${id} began before message ${this.current.id} was complete`);
    if (total > this.maxMessageBytes) throw new ChunkError(`message ${id} announces ${total} bytes, over the cap of ${this.maxMessageBytes}`);
    this.current = { id, buffer: new Uint8Array(total), filled: 0, deflated };
    return this.append(id, payload);
  }

  private next(id: number, payload: Uint8Array): Whole | undefined {
    if (!this.current) throw new ChunkError(`continuation of message ${id} with no message begun`);
    if (this.current.id !== id) throw new ChunkError(`continuation of message ${id} inside message ${this.current.id}`);
    return this.append(id, payload);
  }

  private append(id: number, payload: Uint8Array): Whole | undefined {
    const m = this.current!;
    if (m.filled + payload.length > m.buffer.length) {
      throw new ChunkError(`message ${id} has more than the ${m.buffer.length} bytes it announced`);
    }
    m.buffer.set(payload, m.filled);
    m.filled += payload.length;
    if (m.filled < m.buffer.length) return undefined;
    this.current = undefined;
    return { bytes: m.buffer, deflated: m.deflated };
  }
}
