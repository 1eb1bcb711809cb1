import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { benchSpan } from '../bench/benchSpans';
import { checkFirstMessage, helloMessage, peerStateVector, receive, syncStep1, updateMessage } from './docMessages';
import { SeedGate, type FreshJoin, type Hello } from './seedGate';

/**
 * The document side of a room, whatever carries its messages: what each new link is told (hello, sync
 * step 1), what a peer's message does to the doc, and this doc's own updates sent to every link. The
 * provider runs it over WebRTC links; the unit tests' simulated network runs the same over direct calls.
 *
 * The doc can change once: a fresh joiner whose canvas the room does not know takes the room's canvas
 * in a new, empty Y.Doc (seedGate.ts says when and why), and asks every other link for its state again.
 */

/** One end of a link, as the document side needs it; also the origin of what arrives over it. */
export interface SyncLink {
  readonly open: boolean;
  send(message: Uint8Array<ArrayBuffer>): void;
}

interface Heard {
  said?: Hello;
  hello?: Hello;
}

export class DocSync {
  private current: Y.Doc;
  private readonly gate: SeedGate;
  private readonly heard = new WeakMap<SyncLink, Heard>();

  constructor(
    doc: Y.Doc,
    private readonly awareness: Awareness,
    fresh: FreshJoin | undefined,
    /** Every link, open or not (only open ones are sent to). */
    private readonly links: () => Iterable<SyncLink>,
  ) {
    this.current = doc;
    this.gate = new SeedGate(fresh);
    doc.on('update', this.onUpdate);
  }

  get doc(): Y.Doc {
    return this.current;
  }

  /** A link has opened: our hello, then what we have (its answer is what we lack). */
  opened(link: SyncLink): void {
    const said = this.gate.hello();
    this.heard.set(link, { said });
    link.send(helloMessage(said));
    link.send(syncStep1(this.current));
  }

  /**
   * A message from `link`: applied with the link as origin (so it is not sent back); the reply goes back
   * on it. Returns whether the peer has now sent its whole state. Throws on a message it cannot read,
   * and a ProtocolError when the link's first message is not a hello of this protocol.
   */
  received(link: SyncLink, message: Uint8Array): boolean {
    const heard = this.heard.get(link) ?? {};
    if (!heard.hello) checkFirstMessage(message);
    const theirs = peerStateVector(message);
    if (theirs) {
      const doc = this.gate.onStep1(heard.said ?? this.gate.hello(), heard.hello, theirs);
      if (doc) this.switchTo(doc, link);
    }
    const r = benchSpan('bmad:collab:apply', () => receive(message, this.current, this.awareness, link));
    if (r.hello) this.heard.set(link, { ...heard, hello: r.hello });
    if (r.reply) link.send(r.reply);
    return r.synced;
  }

  destroy(): void {
    this.current.off('update', this.onUpdate);
  }

  /**
   * From now on the room's state goes into `doc`. `from` answers the step 1 we sent it in full (it had
   * none of our canvas); every other link is asked again, from the empty state vector, since its
   * answer to our first step 1 left out whatever it shared with the canvas we dropped.
   */
  private switchTo(doc: Y.Doc, from: SyncLink): void {
    this.current.off('update', this.onUpdate);
    this.current = doc;
    doc.on('update', this.onUpdate);
    const ask = syncStep1(doc);
    for (const l of this.links()) if (l !== from && l.open) l.send(ask);
  }

  private readonly onUpdate = (update: Uint8Array, origin: unknown): void => {
    for (const l of this.links()) if (l === origin) return;
    const message = updateMessage(update);
    for (const l of this.links()) if (l.open) l.send(message);
  };
}
