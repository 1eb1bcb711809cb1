import { z } from 'zod';
import { PresenceState, type PeerPresence } from '../../core';

/**
 * Presence over a Live Share shared service, without Live Share: the relay's logic against the two
 * calls a shared service has (notify, onNotify), so it is tested as it is (presenceRelay.test.ts)
 * and liveShare.ts only connects it to the real service.
 *
 * Live Share's shape decides the protocol: a guest's notify reaches only the host, the host's reaches
 * every guest. So each peer notifies its own state; the host keeps every state and passes each one on
 * to all guests (and all of them again when a guest joins); a peer that leaves is notified as null.
 * States are per canvas (its path in the shared workspace), so two canvases' marks never mix.
 */

export const PRESENCE_NOTIFICATION = 'presence';

export const RelayMessage = z.strictObject({
  canvas: z.string().min(1).max(1000),
  peer: z.number().int().nonnegative(),
  state: PresenceState.nullable(),
});
export type RelayMessage = z.infer<typeof RelayMessage>;

/** What the relay needs of a shared service (host) or its proxy (guest). */
export interface RelayChannel {
  notify(name: string, args: object): void;
  onNotify(name: string, handler: (args: object) => void): void;
}

export interface RelayEvents {
  /** The other peers on `canvas` changed. */
  peers(canvas: string, peers: PeerPresence[]): void;
  /** A notification that did not parse: dropped, said where. */
  invalid(message: string): void;
}

export class PresenceRelay {
  /** canvas → peer → state. */
  private readonly states = new Map<string, Map<number, PresenceState>>();
  private disposed = false;

  constructor(
    private readonly role: 'host' | 'guest',
    /** This peer's number in the Live Share session. */
    private readonly self: number,
    private readonly channel: RelayChannel,
    private readonly events: RelayEvents,
  ) {
    channel.onNotify(PRESENCE_NOTIFICATION, (args) => this.received(args));
  }

  /** This peer's state on a canvas changed (null: it closed the canvas). */
  local(canvas: string, state: PresenceState | null): void {
    if (this.disposed) return;
    if (this.role === 'host') this.record({ canvas, peer: this.self, state });
    this.channel.notify(PRESENCE_NOTIFICATION, { canvas, peer: this.self, state });
  }

  /** Host: a guest joined; it gets every state there is. */
  peerJoined(): void {
    if (this.disposed || this.role !== 'host') return;
    for (const [canvas, peers] of this.states) for (const [peer, state] of peers) this.channel.notify(PRESENCE_NOTIFICATION, { canvas, peer, state });
  }

  /** A peer left the session: its marks go everywhere (the host tells the guests). */
  peerLeft(peer: number): void {
    if (this.disposed) return;
    for (const canvas of [...this.states.keys()]) {
      if (!this.states.get(canvas)?.has(peer)) continue;
      this.record({ canvas, peer, state: null });
      if (this.role === 'host') this.channel.notify(PRESENCE_NOTIFICATION, { canvas, peer, state: null });
    }
  }

  /** The others on a canvas now (for a canvas that opens while the session runs). */
  peersOn(canvas: string): PeerPresence[] {
    return [...(this.states.get(canvas) ?? [])].filter(([id]) => id !== this.self).map(([id, s]) => ({ id, ...s })).sort((a, b) => a.id - b.id);
  }

  dispose(): void {
    this.disposed = true;
    for (const canvas of this.states.keys()) this.events.peers(canvas, []);
    this.states.clear();
  }

  private received(args: object): void {
    if (this.disposed) return;
    const r = RelayMessage.safeParse(args);
    if (!r.success) {
      const issue = r.error.issues[0];
      return this.events.invalid(`Live Share presence: dropped a notification: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
    }
    const m = r.data;
    // Our own state, passed back to us by the host along with everyone else's.
    if (m.peer === this.self) return;
    this.record(m);
    if (this.role === 'host') this.channel.notify(PRESENCE_NOTIFICATION, m);
  }

  private record(m: RelayMessage): void {
    let peers = this.states.get(m.canvas);
    if (!peers) this.states.set(m.canvas, (peers = new Map()));
    if (m.state) peers.set(m.peer, m.state);
    else peers.delete(m.peer);
    if (peers.size === 0) this.states.delete(m.canvas);
    if (m.peer !== this.self) this.events.peers(m.canvas, this.peersOn(m.canvas));
  }
}
