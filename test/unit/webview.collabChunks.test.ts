import assert from 'node:assert/strict';
import { CHUNK_BYTES, ChunkError, Chunker, Reassembler } from '../../webview/collab/chunks';

/** Chromium's limit on one data-channel message (RTCSctpTransport.maxMessageSize). */
const CHANNEL_LIMIT = 262_144;
const bytes = (n: number, seed = 1): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);

describe('collab chunks (a data-channel message is at most 256 KiB)', () => {
  it('splits any message into chunks within the limit and puts it back byte for byte', () => {
    const chunker = new Chunker();
    const r = new Reassembler();
    for (const n of [0, 1, CHUNK_BYTES - 16, CHUNK_BYTES, 5 * 1024 * 1024 + 7]) {
      const message = bytes(n, n);
      const chunks = chunker.split(message);
      assert.ok(chunks.every((c) => c.length <= CHANNEL_LIMIT), `chunks of ${n} bytes within ${CHANNEL_LIMIT}`);
      const out = chunks.map((c) => r.push(c));
      assert.ok(out.slice(0, -1).every((o) => o === undefined), 'only the last chunk completes it');
      assert.deepEqual(out.at(-1), { bytes: message, deflated: false });
    }
  });

  it('refuses a message over the cap on both sides, before holding its bytes', () => {
    assert.throws(() => new Chunker(1000).split(bytes(1001)), /1001 bytes is over the cap of 1000/);
    const [first] = new Chunker().split(bytes(2000));
    assert.throws(() => new Reassembler(1000).push(first!), (e: unknown) => e instanceof ChunkError && /announces 2000 bytes, over the cap of 1000/.test(e.message));
  });

  it('refuses chunks out of sequence instead of skipping them', () => {
    const a = new Chunker().split(bytes(3 * CHUNK_BYTES));
    const b = new Chunker().split(bytes(10));
    const r = new Reassembler();
    assert.throws(() => r.push(a[1]!), /continuation of message 0 with no message begun/);
    r.push(a[0]!);
    assert.throws(() => new Reassembler().push(Uint8Array.of(7, 0)), /unknown chunk kind 7/);
    const other = new Chunker();
    other.split(bytes(1));
    assert.throws(() => r.push(other.split(bytes(3 * CHUNK_BYTES))[1]!), /continuation of message 1 inside message 0/);
    assert.throws(() => r.push(b[0]!), /message 0 began before message 0 was complete/);
  });

  it('refuses a message with more bytes than it announced', () => {
    const r = new Reassembler();
    const chunks = new Chunker().split(bytes(CHUNK_BYTES));
    assert.equal(chunks.length, 2);
    r.push(chunks[0]!);
    // The rest is 16 bytes; this continuation brings 100.
    const tooBig = Uint8Array.of(1, 0, ...bytes(100));
    assert.throws(() => r.push(tooBig), /more than the \d+ bytes it announced/);
  });
});
