import type { Awareness } from 'y-protocols/awareness';
import { distinctColour, peersOf, presenceColour, type FlowPoint, type PeerPresence, type PresenceState } from '../../core/presence';
import { createStore, type Store } from '../state/store';

/** The pointer is sent at most this often (about 20 times a second). */
const POINTER_MS = 50;
const NONE: readonly PeerPresence[] = [];

export interface PresenceView {
  /** The other peers, as drawn. */
  readonly peers: readonly PeerPresence[];
}

/**
 * This peer's presence and the others'. The local state (pointer, selection, editing) is kept whether
 * or not a session runs, and goes out through whichever transport is live: a session's awareness
 * (WebRTC) or the extension's Live Share relay (`toRelay`). The peers come back the same two ways.
 */
export class Presence {
  readonly view: Store<PresenceView> = createStore<PresenceView>({ peers: NONE });
  private local: Omit<PresenceState, 'name' | 'colour'> = { pointer: null, selection: [], editing: null };
  private who: { name: string; colour: string } | undefined;
  private awareness: Awareness | undefined;
  private toRelay: ((s: PresenceState) => void) | undefined;
  private pointerTimer: ReturnType<typeof setTimeout> | undefined;
  private pendingPointer: FlowPoint | null | undefined;

  /** Whether anyone receives the local state (so the canvas need not track the pointer otherwise). */
  get live(): boolean {
    return this.who !== undefined;
  }

  /** A session's awareness: the local state goes into it, and its other states are the peers. */
  attach(awareness: Awareness, name: string): void {
    this.detach();
    this.awareness = awareness;
    this.who = { name, colour: presenceColour(awareness.clientID) };
    awareness.on('change', this.onAwareness);
    this.publish();
  }

  /** Live Share: the extension relays the local state and sends the peers (`setPeers`). */
  relay(name: string, colour: string, send: (s: PresenceState) => void): void {
    this.detach();
    this.who = { name, colour };
    this.toRelay = send;
    this.publish();
  }

  /** Stops sending; the others' marks go. The awareness's removal of our state reaches the peers. */
  detach(): void {
    clearTimeout(this.pointerTimer);
    this.pointerTimer = this.pendingPointer = undefined;
    if (this.awareness) {
      this.awareness.off('change', this.onAwareness);
      this.awareness.setLocalState(null);
    }
    this.awareness = this.toRelay = this.who = undefined;
    this.view.set({ peers: NONE });
  }

  setPeers(peers: readonly PeerPresence[]): void {
    if (this.toRelay) this.view.set({ peers });
  }

  /** Throttled: the first move goes at once, then at most one every POINTER_MS, the last one always. */
  setPointer(p: FlowPoint | null): void {
    if (!this.who) return;
    if (this.pointerTimer !== undefined) {
      this.pendingPointer = p;
      return;
    }
    this.local = { ...this.local, pointer: p };
    this.publish();
    this.pointerTimer = setTimeout(() => {
      this.pointerTimer = undefined;
      const next = this.pendingPointer;
      this.pendingPointer = undefined;
      if (next !== undefined) this.setPointer(next);
    }, POINTER_MS);
  }

  setSelection(ids: Iterable<string>): void {
    const selection = [...ids];
    if (selection.join('\n') === this.local.selection.join('\n')) return;
    this.local = { ...this.local, selection };
    this.publish();
  }

  setEditing(id: string | null): void {
    if (id === this.local.editing) return;
    this.local = { ...this.local, editing: id };
    this.publish();
  }

  private publish(): void {
    if (!this.who) return;
    const state: PresenceState = { ...this.who, ...this.local };
    if (this.awareness) this.awareness.setLocalState(state);
    this.toRelay?.(state);
  }

  private readonly onAwareness = (): void => {
    const a = this.awareness;
    if (!a) return;
    const peers = peersOf(a.getStates(), a.clientID);
    this.view.set({ peers });
    // Two peers whose ids pick the same colour would look like one person: the later one moves.
    const colour = this.who && distinctColour(a.clientID, this.who.colour, peers);
    if (this.who && colour && colour !== this.who.colour) {
      this.who = { ...this.who, colour };
      this.publish();
    }
  };
}
