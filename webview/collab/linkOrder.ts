import { benchSince } from '../bench/benchSpans';
import { ChunkError, type Chunker, type Whole } from './chunks';
import { DEFLATE_FROM, deflate, inflate } from './deflate';

/**
 * Deflating and inflating are async (deflate.ts), and a link's messages must still arrive in the order
 * they were sent: a small edit sent just after a canvas's state must not overtake it, nor be applied
 * before it. Each side is a queue that holds every message behind one still being (de)compressed; with
 * nothing held, a small message goes straight through in the same call, as before (no task, no
 * microtask: an edit's update leaves before the view draws it, canvasCollab.ts).
 */

/** The sending side of one link: messages in, chunks out in the same order. */
export class Outbox {
  private tail: Promise<void> = Promise.resolve();
  private held = 0;
  private stopped = false;

  constructor(
    private readonly chunker: Chunker,
    private readonly maxMessageBytes: number,
    private readonly out: (chunks: Uint8Array<ArrayBuffer>[]) => void,
    private readonly fail: (reason: string) => void,
  ) {}

  /** Throws ChunkError for a message over the cap (nothing of it is sent). `deflated`: see PeerLink.send. */
  send(message: Uint8Array<ArrayBuffer>, deflated?: Promise<Uint8Array<ArrayBuffer>>): void {
    if (this.stopped) return;
    if (message.length > this.maxMessageBytes) throw new ChunkError(`message of ${message.length} bytes is over the cap of ${this.maxMessageBytes}`);
    const big = message.length >= DEFLATE_FROM;
    if (!big && this.held === 0) return this.out(this.chunker.split(message));
    this.held++;
    const start = performance.now();
    // Deflating starts now, beside the messages ahead of it; only its output waits for theirs.
    const packed = big ? (deflated ?? deflate(message)) : undefined;
    this.tail = this.tail.then(async () => {
      const z = await packed;
      if (z) benchSince('bmad:collab:deflate', start);
      this.held--;
      if (this.stopped) return;
      // Bytes that do not shrink (already compressed media, random) go as they are.
      const smaller = z !== undefined && z.length < message.length;
      this.out(this.chunker.split(smaller ? z : message, smaller));
    }).catch((e: unknown) => {
      this.stop();
      this.fail(`deflating a message: ${(e as Error).message}`);
    });
  }

  stop(): void {
    this.stopped = true;
  }
}

/** The receiving side of one link: whole messages in (chunks.ts), inflated messages out in the same order. */
export class Inbox {
  private tail: Promise<void> = Promise.resolve();
  private held = 0;
  private stopped = false;

  constructor(
    private readonly maxMessageBytes: number,
    private readonly deliver: (message: Uint8Array<ArrayBuffer>) => void,
    private readonly fail: (reason: string) => void,
  ) {}

  push(whole: Whole): void {
    if (this.stopped) return;
    if (!whole.deflated && this.held === 0) return this.deliver(whole.bytes);
    this.held++;
    const start = performance.now();
    const plain = whole.deflated ? inflate(whole.bytes, this.maxMessageBytes) : undefined;
    // A failed inflate is reported in order, once the messages ahead of it are delivered.
    plain?.catch(() => undefined);
    this.tail = this.tail.then(async () => {
      const bytes = plain ? await plain : whole.bytes;
      if (plain) benchSince('bmad:collab:inflate', start);
      this.held--;
      if (!this.stopped) this.deliver(bytes);
    }).catch((e: unknown) => {
      if (this.stopped) return;
      this.stop();
      this.fail((e as Error).message);
    });
  }

  stop(): void {
    this.stopped = true;
  }
}
