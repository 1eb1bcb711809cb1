import type { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { benchSpan } from '../bench/benchSpans';
import { DEFLATE_FROM, deflate } from './deflate';
import { checkFirstMessage, helloMessage, peerStateVector, receive, syncStep1, syncStep2, updateMessage } from './docMessages';
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
  /** `deflated`: the message's bytes already deflated (deflate.ts), for a link that would deflate it. */
  send(message: Uint8Array<ArrayBuffer>, deflated?: Promise<Uint8Array<ArrayBuffer>>): void;
}

/** Events of a Y.Doc that come after a muted transaction's update was (not) encoded (see listen). */
const RESUME = ['beforeTransaction', 'beforeObserverCalls', 'afterAllTransactions'] as const;

/** The doc's whole state as last encoded for its snapshot (keepState), and its state vector then. */
interface Kept {
  readonly doc: Y.Doc;
  /** The sync step 2 of the whole state, and its deflated bytes once asked for (deflatedOf). */
  readonly step2: Uint8Array<ArrayBuffer>;
  deflated?: Promise<Uint8Array<ArrayBuffer>>;
  readonly vector: Uint8Array;
  readonly clients: ReadonlyMap<number, number>;
}

interface Heard {
  said?: Hello;
  hello?: Hello;
}

export class DocSync {
  private current: Y.Doc;
  private readonly gate: SeedGate;
  private readonly heard = new WeakMap<SyncLink, Heard>();
  private kept: Kept | undefined;

  constructor(
    doc: Y.Doc,
    private readonly awareness: Awareness,
    fresh: FreshJoin | undefined,
    /** Every link, open or not (only open ones are sent to). */
    private readonly links: () => Iterable<SyncLink>,
  ) {
    this.current = doc;
    this.gate = new SeedGate(fresh);
    this.listen(doc);
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
      const answer = benchSpan('bmad:collab:apply', () => this.answerFromKept(theirs));
      if (answer) {
        link.send(answer.since);
        link.send(answer.kept.step2, this.deflatedOf(answer.kept));
        return false;
      }
    }
    const r = benchSpan('bmad:collab:apply', () => receive(message, this.current, this.awareness, link));
    if (r.hello) this.heard.set(link, { ...heard, hello: r.hello });
    if (r.reply) link.send(r.reply);
    return r.synced;
  }

  destroy(): void {
    this.unlisten(this.current);
    this.kept = undefined;
  }

  /**
   * Encodes the doc's whole state (for the snapshot the host keeps, canvasCollab.ts) and keeps it, to
   * answer a joiner that has none of it without encoding it all again (answerFromKept). `deflate`: its
   * deflated bytes are made now too (async), not when a joiner asks.
   */
  keepState(o: { deflate?: boolean } = {}): Uint8Array {
    const doc = this.current;
    const update = benchSpan('bmad:collab:keep', () => Y.encodeStateAsUpdate(doc));
    const vector = Y.encodeStateVector(doc);
    const kept: Kept = { doc, step2: syncStep2(update), vector, clients: Y.decodeStateVector(vector) };
    this.kept = kept;
    if (o.deflate) this.deflatedOf(kept);
    return update;
  }

  /**
   * Made once per kept state and shared by every link it goes to; a failure fails each of them
   * (linkOrder.ts). None for a state under DEFLATE_FROM, which the Outbox sends as it is.
   */
  private deflatedOf(k: Kept): Promise<Uint8Array<ArrayBuffer>> | undefined {
    if (k.step2.length < DEFLATE_FROM) return undefined;
    if (!k.deflated) {
      k.deflated = deflate(k.step2);
      k.deflated.catch(() => undefined); // kept unused, a failure is nobody's
    }
    return k.deflated;
  }

  /**
   * The answer to a step 1 from a peer that has nothing of the kept state (an empty canvas, or another
   * file's, which then takes this one: seedGate.ts): the kept whole state, and what changed since it.
   * Yjs would encode the same whole state again, 53,805 items for a 5,000-node canvas (about 200 ms in
   * Chromium, bench:collab latejoin). The change since goes first, as an update: Yjs holds what it
   * cannot place yet and applies it with the step 2, so the peer is synced (it has everything) when
   * the step 2 arrives. It carries the whole delete set, so deletions since are in it.
   */
  private answerFromKept(theirs: ReadonlyMap<number, number>): { since: Uint8Array<ArrayBuffer>; kept: Kept } | undefined {
    const k = this.kept;
    if (!k || k.doc !== this.current) return undefined;
    for (const client of k.clients.keys()) if ((theirs.get(client) ?? 0) > 0) return undefined;
    return { since: updateMessage(Y.encodeStateAsUpdate(k.doc, k.vector)), kept: k };
  }

  /**
   * From now on the room's state goes into `doc`. `from` answers the step 1 we sent it in full (it had
   * none of our canvas); every other link is asked again, from the empty state vector, since its
   * answer to our first step 1 left out whatever it shared with the canvas we dropped.
   */
  private switchTo(doc: Y.Doc, from: SyncLink): void {
    this.unlisten(this.current);
    this.current = doc;
    this.listen(doc);
    const ask = syncStep1(doc);
    for (const l of this.links()) if (l !== from && l.open) l.send(ask);
  }

  /**
   * Yjs encodes each transaction's update for whoever listens to 'update', right after its
   * 'afterTransactionCleanup', and this listener sends only updates made here. So it is off for a
   * transaction that came from a link: a late joiner's whole canvas is not encoded again for nothing
   * (135 ms of a 5,000-node join's 530 ms apply, measured in Chromium). It is back on at the next
   * transaction's first event: one made inside (a repair of merged edges, canvasCollab.ts) still goes.
   */
  private listen(doc: Y.Doc): void {
    this.muted = false;
    doc.on('update', this.onUpdate);
    doc.on('afterTransactionCleanup', this.muteRemote);
    for (const e of RESUME) doc.on(e, this.unmute);
  }

  private unlisten(doc: Y.Doc): void {
    doc.off('update', this.onUpdate);
    doc.off('afterTransactionCleanup', this.muteRemote);
    for (const e of RESUME) doc.off(e, this.unmute);
  }

  private muted = false;

  private readonly muteRemote = (tr: Y.Transaction): void => {
    if (!this.fromLink(tr.origin) || this.muted) return;
    this.muted = true;
    this.current.off('update', this.onUpdate);
  };

  private readonly unmute = (): void => {
    if (!this.muted) return;
    this.muted = false;
    this.current.on('update', this.onUpdate);
  };

  private fromLink(origin: unknown): boolean {
    for (const l of this.links()) if (l === origin) return true;
    return false;
  }

  private readonly onUpdate = (update: Uint8Array, origin: unknown): void => {
    if (this.fromLink(origin)) return;
    const message = updateMessage(update);
    for (const l of this.links()) if (l.open) l.send(message);
  };
}
