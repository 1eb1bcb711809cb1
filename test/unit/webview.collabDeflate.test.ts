import assert from 'node:assert/strict';
import { deflateRawSync } from 'node:zlib';
import { CHUNK_BYTES, Chunker, Reassembler } from '../../webview/collab/chunks';
import { DEFLATE_FROM, deflate, inflate, InflateError } from '../../webview/collab/deflate';
import { Inbox, Outbox } from '../../webview/collab/linkOrder';

const CAP = 64 * 1024 * 1024;
/** Bytes that deflate well: a short pattern repeated, as Yjs repeats keys and shapes. */
const repetitive = (n: number, seed = 0): Uint8Array<ArrayBuffer> => Uint8Array.from({ length: n }, (_, i) => ((i % 97) * 7 + seed) & 0xff);
/** Bytes that do not deflate (xorshift). */
function random(n: number): Uint8Array<ArrayBuffer> {
  let x = 2463534242;
  return Uint8Array.from({ length: n }, () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x & 0xff;
  });
}

/**
 * One direction of a link without the network: Outbox → chunks (as the data channel carries them, in
 * order) → Reassembler → Inbox. `sent` counts the bytes that went over the channel.
 */
function wire(cap = CAP) {
  const delivered: Uint8Array[] = [];
  const failures: string[] = [];
  const r = new Reassembler(cap);
  let sent = 0;
  let firstKinds: number[] = [];
  let arrive: () => void = () => undefined;
  const inbox = new Inbox(cap, (m) => {
    delivered.push(m);
    arrive();
  }, (reason) => failures.push(reason));
  const outbox = new Outbox(new Chunker(cap), cap, (chunks) => {
    for (const c of chunks) {
      sent += c.length;
      const whole = r.push(c);
      if (whole) {
        firstKinds = [...firstKinds, whole.deflated ? 1 : 0];
        inbox.push(whole);
      }
    }
  }, (reason) => failures.push(reason));
  /** Resolves once `n` messages have been delivered in all. */
  const until = (n: number) => new Promise<void>((resolve) => {
    arrive = () => delivered.length >= n && resolve();
    arrive();
  });
  return { outbox, inbox, delivered, failures, until, sent: () => sent, deflated: () => firstKinds };
}

describe('collab deflate (large messages go compressed, in order)', () => {
  it('round-trips bytes through deflate and inflate, smaller when they repeat', async () => {
    const message = repetitive(1024 * 1024);
    const z = await deflate(message);
    assert.ok(z.length < message.length / 10, `${z.length} bytes deflated from ${message.length}`);
    assert.deepEqual(await inflate(z, CAP), message);
    assert.deepEqual(await inflate(await deflate(new Uint8Array(0)), CAP), new Uint8Array(0));
  });

  it('refuses what inflates over the cap, and what is not deflate, with InflateError', async () => {
    const z = await deflate(new Uint8Array(200_000));
    await assert.rejects(inflate(z, 100_000), (e: unknown) => e instanceof InflateError && /more than the cap of 100000 bytes/.test(e.message));
    await assert.rejects(inflate(Uint8Array.of(0xff, 0xff, 0xff, 0xff), CAP), (e: unknown) => e instanceof InflateError && /does not inflate/.test(e.message));
  });

  it('a small message sent after a large deflated one arrives after it, and each arrives whole', async () => {
    const w = wire();
    const big = repetitive(3 * 1024 * 1024, 1);
    const small = Uint8Array.of(1, 2, 3);
    w.outbox.send(big);
    w.outbox.send(small);
    // The small one is held behind the big one's deflating: nothing has gone yet.
    assert.equal(w.sent(), 0);
    await w.until(2);
    assert.deepEqual(w.delivered, [big, small]);
    assert.deepEqual(w.deflated(), [1, 0]);
    assert.ok(w.sent() < big.length / 10, `${w.sent()} bytes on the wire for ${big.length}`);
    assert.deepEqual(w.failures, []);
  });

  it('a large message sent with its bytes already deflated goes as those bytes, to each link, in order', async () => {
    const big = repetitive(2 * 1024 * 1024, 5);
    // zlib at level 1: other bytes than the link's own deflate would make, so the wire shows which went.
    const given = new Uint8Array(deflateRawSync(big, { level: 1 }));
    const own = await deflate(big);
    assert.notEqual(given.length, own.length);
    const once = Promise.resolve(given);
    const [w1, w2] = [wire(), wire()];
    for (const w of [w1, w2]) {
      w.outbox.send(big, once);
      w.outbox.send(Uint8Array.of(3));
    }
    await Promise.all([w1.until(2), w2.until(2)]);
    for (const w of [w1, w2]) {
      assert.deepEqual(w.delivered, [big, Uint8Array.of(3)]);
      assert.deepEqual(w.deflated(), [1, 0]);
    }
    // The bytes on the wire are the ones given (plus chunk headers), not a deflate of its own.
    for (const w of [w1, w2]) assert.ok(w.sent() > given.length && w.sent() < given.length + 64, `${w.sent()} bytes sent for ${given.length} given`);
  });

  it('keeps the order of many messages, large and small, interleaved', async () => {
    const w = wire();
    const messages = [Uint8Array.of(9), repetitive(DEFLATE_FROM, 2), Uint8Array.of(8), Uint8Array.of(7), repetitive(5 * CHUNK_BYTES, 3),
      random(DEFLATE_FROM + 10), Uint8Array.of(6), repetitive(DEFLATE_FROM - 1, 4)];
    for (const m of messages) w.outbox.send(m);
    await w.until(messages.length);
    assert.deepEqual(w.delivered, messages);
    // Deflated: the two repetitive ones over the threshold; random bytes that do not shrink go as they are.
    assert.deepEqual(w.deflated(), [0, 1, 0, 0, 1, 0, 0, 0]);
  });

  it('a small message with nothing held goes and arrives in the same call', () => {
    const w = wire();
    const m = Uint8Array.of(4, 5);
    w.outbox.send(m);
    assert.deepEqual(w.delivered, [m]);
  });

  it('refuses a message over the cap at once, sending nothing of it', () => {
    const w = wire(1000);
    assert.throws(() => w.outbox.send(repetitive(1001)), /1001 bytes is over the cap of 1000/);
    assert.equal(w.sent(), 0);
  });

  it('reports a message that does not inflate, after delivering those ahead of it, and delivers nothing after', async () => {
    const delivered: Uint8Array[] = [];
    const failed = new Promise<string>((resolve) => {
      const inbox = new Inbox(CAP, (m) => delivered.push(m), resolve);
      void deflate(repetitive(DEFLATE_FROM)).then((good) => {
        inbox.push({ bytes: good, deflated: true });
        inbox.push({ bytes: Uint8Array.of(0xff, 0xff, 0xff), deflated: true });
        inbox.push({ bytes: Uint8Array.of(1), deflated: false });
      });
    });
    assert.match(await failed, /does not inflate/);
    assert.deepEqual(delivered, [repetitive(DEFLATE_FROM)]);
  });
});
