import * as Y from 'yjs';
import type { CollabTransport } from '../../webview/collab/canvasCollab';
import type { CollabOptions } from '../../webview/collab/provider';

/** mulberry32: a small seeded PRNG, so a failing seed replays the same run. */
export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Member {
  readonly doc: Y.Doc;
  transport: CollabTransport;
}

/** One direction of one link: updates in flight, and whether the link lost one (then it must resync). */
interface Wire {
  readonly from: Member;
  readonly to: Member;
  readonly queue: Uint8Array[];
  broken: boolean;
}

/**
 * STAND-IN for WebRTC (Node has none; the real provider runs in Chromium in test/browser/collab): a
 * network whose delivery is chosen by a seeded PRNG, as the Yjs test suite's TestConnector does. Every
 * update waits on its wire until `step` delivers one of them, so updates arrive late, interleaved and
 * out of order across wires (in order on each); `drop` loses one, which breaks that wire until `resync` (what the real
 * provider does when a link closes: connect again and exchange state vectors).
 */
export class SeededNetwork {
  private readonly members: Member[] = [];
  private readonly wires: Wire[] = [];

  constructor(private readonly random: () => number) {}

  connect = (o: CollabOptions): CollabTransport => {
    const self: Member = { doc: o.doc, transport: undefined as unknown as CollabTransport };
    const onUpdate = (update: Uint8Array, origin: unknown) => {
      if (origin === self.transport) return;
      for (const w of this.wires) if (w.from === self && !w.broken) w.queue.push(update);
    };
    self.transport = {
      on: (_name, f) => f,
      keepState: () => Y.encodeStateAsUpdate(o.doc),
      destroy: () => {
        o.doc.off('update', onUpdate);
        this.members.splice(this.members.indexOf(self), 1);
        for (let i = this.wires.length - 1; i >= 0; i--) if (this.wires[i]!.from === self || this.wires[i]!.to === self) this.wires.splice(i, 1);
      },
      peers: [],
      status: 'connected',
    };
    for (const m of this.members) {
      this.wires.push({ from: self, to: m, queue: [], broken: true }, { from: m, to: self, queue: [], broken: true });
    }
    this.members.push(self);
    o.doc.on('update', onUpdate);
    // Joining is a sync over each new wire, which is what a resync is.
    this.resync();
    return self.transport;
  };

  get inFlight(): number {
    return this.wires.reduce((n, w) => n + w.queue.length, 0);
  }

  /**
   * Delivers the oldest update of a random wire. A wire keeps its order, as the provider's ordered data
   * channel does; across wires anything goes (a peer may hear C's edit of a node before A's insert of it).
   */
  step(): boolean {
    const busy = this.wires.filter((w) => w.queue.length > 0);
    if (busy.length === 0) return false;
    const w = busy[Math.floor(this.random() * busy.length)]!;
    Y.applyUpdate(w.to.doc, w.queue.shift()!, w.to.transport);
    return true;
  }

  /** Loses one update in flight; its wire delivers nothing more until `resync`. */
  drop(): void {
    const busy = this.wires.filter((w) => w.queue.length > 0);
    if (busy.length === 0) return;
    const w = busy[Math.floor(this.random() * busy.length)]!;
    w.queue.length = 0;
    w.broken = true;
  }

  /** Every broken wire reconnects: the receiver gets what its state vector lacks (Yjs sync step 2). */
  resync(): void {
    for (const w of this.wires) {
      if (!w.broken) continue;
      w.broken = false;
      Y.applyUpdate(w.to.doc, Y.encodeStateAsUpdate(w.from.doc, Y.encodeStateVector(w.to.doc)), w.to.transport);
    }
  }

  /** Delivers everything (the network heals). */
  flush(): void {
    this.resync();
    while (this.step()) continue;
  }
}
