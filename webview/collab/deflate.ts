/**
 * Raw DEFLATE through the platform's CompressionStream (Chromium's and Node's zlib, off the JS heap): a
 * canvas's whole state is megabytes of Yjs structs repeating the same keys and shapes, and shrinks about
 * fivefold (a 5,000-node grid: 1.6 MB to 0.33 MB), which the data channel then carries in a fifth of the
 * time. The streams are async, so the order of messages is kept by linkOrder.ts, not here.
 */

/** Messages of this many bytes or more go deflated; smaller ones (edits, presence) stay synchronous. */
export const DEFLATE_FROM = 64 * 1024;

export class InflateError extends Error {
  override name = 'InflateError';
}

async function drain(stream: ReadableStream<Uint8Array>, cap: number): Promise<Uint8Array<ArrayBuffer>> {
  const reader = stream.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > cap) {
      await reader.cancel();
      throw new InflateError(`a deflated message inflates to more than the cap of ${cap} bytes`);
    }
    parts.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const through = (bytes: Uint8Array, transform: ReadableWritablePair<Uint8Array, BufferSource>): ReadableStream<Uint8Array> =>
  new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(transform);

export const deflate = (bytes: Uint8Array): Promise<Uint8Array<ArrayBuffer>> =>
  drain(through(bytes, new CompressionStream('deflate-raw')), Number.POSITIVE_INFINITY);

/** Throws InflateError when `bytes` are not raw DEFLATE, or inflate to more than `cap` bytes. */
export async function inflate(bytes: Uint8Array, cap: number): Promise<Uint8Array<ArrayBuffer>> {
  try {
    return await drain(through(bytes, new DecompressionStream('deflate-raw')), cap);
  } catch (e) {
    if (e instanceof InflateError) throw e;
    throw new InflateError(`a deflated message does not inflate (${(e as Error).message})`);
  }
}
