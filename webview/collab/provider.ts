import { ObservableV2 } from 'lib0/observable';
import { removeAwarenessStates, type Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { MAX_MESSAGE_BYTES } from './chunks';
import { awarenessMessage, ProtocolError } from './docMessages';
import { DocSync, type SyncLink } from './docSync';
import { PeerLink } from './peerLink';
import { deriveRoomKey, type RoomKey } from './roomKey';
import type { FreshJoin } from './seedGate';
import type { RoomMessage, SignalPayload } from './signalMessages';
import { SignallingLink, type SignallingStatus } from './signalling';

/**
 * Our own provider rather than y-webrtc (see connect.ts for the why): a full mesh of WebRTC links in
 * one room, peers found through the signalling servers given (never a default), Yjs sync and
 * awareness over chunked, flow-controlled data channels (DTLS; why no second layer: peerLink.ts).
 */

export interface CollabOptions {
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  readonly room: string;
  /**
   * Encrypts and authenticates the signalling with a key derived from it (y-webrtc compatible), which
   * is what keeps the data channels to the room (peerLink.ts); none: plain.
   */
  readonly password?: string;
  /** ws:// or wss:// URLs of `bmad signal` servers; required, and the only servers contacted. */
  readonly signallingUrls: readonly string[];
  /** ICE servers etc.; default none (loopback and LAN only). */
  readonly rtc?: RTCConfiguration;
  readonly maxMessageBytes?: number;
  /**
   * This peer has never synced with the room (no snapshot of it): when the room's canvas is another
   * than its file's, it takes the room's (seedGate.ts). Absent: the doc always merges as it is.
   */
  readonly fresh?: FreshJoin;
}

export interface PeerState {
  readonly id: string;
  readonly open: boolean;
  /** Its whole state has arrived (it answered our sync step 1). */
  readonly synced: boolean;
}

export type ProblemKind = 'decrypt' | 'malformed' | 'refused' | 'link' | 'version';

export interface CollabEvents {
  peers(change: { added: string[]; removed: string[]; peers: string[] }): void;
  /** True when every open link has delivered the peer's whole state. */
  synced(synced: boolean): void;
  status(s: SignallingStatus): void;
  /** Something that did not go through, and why: nothing is dropped without one of these. */
  problem(p: { kind: ProblemKind; message: string }): void;
}

/** One peer: its WebRTC link, and the origin of what arrives over it. */
interface Entry extends SyncLink {
  readonly link: PeerLink;
  synced: boolean;
  /** Awareness client ids heard over this link, removed when it closes. */
  readonly clients: Set<number>;
}

const REANNOUNCE_MS = 3000;
const SEEN_CAP = 512;

export class CollabProvider extends ObservableV2<CollabEvents> {
  readonly peerId = crypto.randomUUID();
  private readonly links = new Map<string, Entry>();
  private signalling: SignallingLink[] = [];
  private readonly asked = new Map<string, number>();
  private readonly seen: string[] = [];
  private key: RoomKey | undefined;
  private destroyed = false;
  private wasSynced = true;
  private readonly sync: DocSync;
  /** Resolves once the key is derived and the signalling links are opening. */
  readonly ready: Promise<void>;

  constructor(private readonly o: CollabOptions) {
    super();
    if (o.signallingUrls.length === 0) throw new Error('collaboration needs at least one signalling URL');
    for (const u of o.signallingUrls) if (!/^wss?:\/\//.test(u)) throw new Error(`signalling URL ${JSON.stringify(u)} is not ws:// or wss://`);
    this.sync = new DocSync(o.doc, o.awareness, o.fresh, () => this.links.values());
    o.awareness.on('update', this.onAwarenessUpdate);
    this.ready = this.start();
  }

  /** The Y.Doc the room's state goes into: the one given, or the one a fresh join took instead (seedGate.ts). */
  get doc(): Y.Doc {
    return this.sync.doc;
  }

  get peers(): PeerState[] {
    return [...this.links].map(([id, e]) => ({ id, open: e.link.open, synced: e.synced }));
  }

  get synced(): boolean {
    return [...this.links.values()].every((e) => !e.link.open || e.synced);
  }

  get status(): SignallingStatus {
    const all = this.signalling.map((s) => s.status);
    return all.includes('connected') ? 'connected' : all.includes('connecting') || all.length === 0 ? 'connecting' : 'disconnected';
  }

  /** The doc's whole state, encoded for a snapshot; kept to answer a joiner that has none of it (docSync.ts). */
  keepState(o: { deflate?: boolean } = {}): Uint8Array {
    return this.sync.keepState(o);
  }

  override destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.sync.destroy();
    this.o.awareness.off('update', this.onAwarenessUpdate);
    for (const s of this.signalling) s.close();
    for (const e of [...this.links.values()]) e.link.close();
    super.destroy();
  }

  private async start(): Promise<void> {
    this.key = this.o.password === undefined ? undefined : await deriveRoomKey(this.o.password, this.o.room);
    if (this.destroyed) return;
    this.signalling = this.o.signallingUrls.map(
      (url) =>
        new SignallingLink(url, this.o.room, this.key, {
          message: (m) => this.onRoomMessage(m),
          status: () => this.emit('status', [this.status]),
          problem: (kind, message) => this.emit('problem', [{ kind, message }]),
        }, () => this.stamp({ type: 'announce', from: this.peerId })),
    );
  }

  private stamp<M extends RoomMessage>(m: M): M {
    return { ...m, mid: crypto.randomUUID() };
  }

  private publish(m: RoomMessage): void {
    const stamped = this.stamp(m);
    for (const s of this.signalling) void s.publish(stamped);
  }

  private onRoomMessage(m: RoomMessage): void {
    if (this.destroyed || m.from === this.peerId) return;
    if (m.mid) {
      if (this.seen.includes(m.mid)) return;
      this.seen.push(m.mid);
      if (this.seen.length > SEEN_CAP) this.seen.shift();
    }
    if (m.type === 'announce') {
      if (this.links.has(m.from)) return;
      // The lower id offers, so two peers never offer to each other at once.
      if (this.peerId < m.from) this.addLink(m.from, true);
      else if (Date.now() - (this.asked.get(m.from) ?? 0) > REANNOUNCE_MS) {
        this.asked.set(m.from, Date.now());
        this.publish({ type: 'announce', from: this.peerId });
      }
      return;
    }
    if (m.to !== this.peerId) return;
    const entry = this.links.get(m.from) ?? (m.signal.type === 'offer' ? this.addLink(m.from, false) : undefined);
    void entry?.link.signal(m.signal);
  }

  private addLink(id: string, initiator: boolean): Entry {
    const entry: Entry = {
      synced: false,
      clients: new Set(),
      get open() {
        return entry.link.open;
      },
      send: (m, deflated) => entry.link.send(m, deflated),
      link: new PeerLink({ initiator, rtc: this.o.rtc ?? { iceServers: [] }, maxMessageBytes: this.o.maxMessageBytes ?? MAX_MESSAGE_BYTES }, {
        signal: (signal: SignalPayload) => this.publish({ type: 'signal', from: this.peerId, to: id, signal }),
        open: () => {
          this.sync.opened(entry);
          if (this.o.awareness.getLocalState() !== null) entry.link.send(awarenessMessage(this.o.awareness, [this.o.awareness.clientID]));
          this.emit('peers', [{ added: [id], removed: [], peers: this.openPeers() }]);
          this.checkSynced();
        },
        message: (m) => this.onPeerMessage(entry, m),
        close: (reason) => this.onLinkClosed(id, entry, reason),
      }),
    };
    this.links.set(id, entry);
    return entry;
  }

  private onPeerMessage(entry: Entry, message: Uint8Array): void {
    try {
      if (this.sync.received(entry, message) && !entry.synced) {
        entry.synced = true;
        this.checkSynced();
      }
    } catch (e) {
      entry.link.close();
      if (e instanceof ProtocolError) this.emit('problem', [{ kind: 'version', message: e.message }]);
      else this.emit('problem', [{ kind: 'malformed', message: `a message from a peer could not be applied: ${(e as Error).message}` }]);
    }
  }

  private onLinkClosed(id: string, entry: Entry, reason: string | undefined): void {
    if (this.links.get(id) !== entry) return;
    this.links.delete(id);
    removeAwarenessStates(this.o.awareness, [...entry.clients], this);
    if (this.destroyed) return;
    if (reason) this.emit('problem', [{ kind: 'link', message: `connection to peer ${id.slice(0, 8)} closed: ${reason}` }]);
    this.emit('peers', [{ added: [], removed: [id], peers: this.openPeers() }]);
    this.checkSynced();
    this.publish({ type: 'announce', from: this.peerId });
  }

  private openPeers(): string[] {
    return this.peers.filter((p) => p.open).map((p) => p.id);
  }

  /** The link a change came from, when it is a remote one. */
  private linkOf(origin: unknown): Entry | undefined {
    return [...this.links.values()].find((e) => e === origin);
  }

  private checkSynced(): void {
    const now = this.synced;
    if (now !== this.wasSynced) this.emit('synced', [(this.wasSynced = now)]);
  }

  private readonly onAwarenessUpdate = (
    change: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const changed = [...change.added, ...change.updated, ...change.removed];
    const from = this.linkOf(origin);
    if (from) {
      for (const c of [...change.added, ...change.updated]) from.clients.add(c);
      for (const c of change.removed) from.clients.delete(c);
      return;
    }
    // Only our own state: a remote one that timed out here must not be removed at everyone else's.
    if (!changed.includes(this.o.awareness.clientID)) return;
    const message = awarenessMessage(this.o.awareness, [this.o.awareness.clientID]);
    for (const e of this.links.values()) if (e.link.open) e.link.send(message);
  };
}
