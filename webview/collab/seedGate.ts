import type * as Y from 'yjs';

/** What a peer says on each new link, before its sync step 1 (docMessages.ts `hello`). */
export interface Hello {
  /** It has never synced with this room: no snapshot of it, no peer's state merged, nobody took its own. */
  readonly fresh: boolean;
  /** The client id its canvas was seeded under (seedClient.ts). */
  readonly seed: number;
  /** How long it has been in the room when it said this (ms). */
  readonly inRoomMs: number;
}

/**
 * Whether a fresh peer must drop its own canvas and take the peer's, decided on the peer's sync step 1
 * (its state vector) and hello, before anything of ours is sent to it.
 *
 * Why: a canvas seeded from another text (a clone one commit behind, unsaved edits) is made of other
 * Yjs items than the room's; merged, Yjs keeps ONE whole copy of each node (Y.Map keeps one value per
 * key), and about one in two would be the joiner's, undoing what the room did to it. A fresh joiner
 * whose seed the room does not know therefore takes the room's canvas instead of merging with it (its
 * host then writes that canvas to its text as an ordinary, undoable edit).
 *
 * The rule, the same on both ends of a link (each end decides from the same two hellos):
 * - a peer that is not fresh (it is the room, or has its history) never drops its own;
 * - a peer whose seed the other has (same file), or facing a peer with nothing, keeps its own: Yjs
 *   merges same-seeded canvases item by item, so only the edits travel;
 * - a fresh peer facing a peer that is not fresh takes the peer's (the room's) canvas;
 * - two fresh peers with different files: the one that has been in the room longer keeps its file
 *   (the first peer in a room, whom nobody answered, is the room), the other takes it; at equal times
 *   the lower seed id keeps. Both ends compute this from the same pair of hellos, so exactly one yields.
 */
export function mustTakeTheirs(own: Hello, peer: Hello, peerStateVector: ReadonlyMap<number, number>): boolean {
  if (!own.fresh || peerStateVector.size === 0 || peerStateVector.has(own.seed)) return false;
  if (!peer.fresh) return true;
  if (peer.inRoomMs !== own.inRoomMs) return peer.inRoomMs > own.inRoomMs;
  return peer.seed < own.seed;
}

/** What a session gives its provider so that a fresh join can yield (see mustTakeTheirs). */
export interface FreshJoin {
  /** The client id this canvas was seeded under. */
  readonly seed: number;
  /** Drops this canvas's Y.Doc for an empty one, which the room's state then fills; returns it. */
  takeTheirs(): Y.Doc;
}

/** One peer's side of the rule over a session: its hello, and whether it is still fresh. */
export class SeedGate {
  private fresh: boolean;
  private readonly since = performance.now();

  constructor(private readonly join: FreshJoin | undefined) {
    this.fresh = join !== undefined;
  }

  /** Said once per link: the two ends decide from the hellos they exchanged, not from later ones. */
  hello(): Hello {
    return { fresh: this.fresh, seed: this.join?.seed ?? 0, inRoomMs: performance.now() - this.since };
  }

  /** A peer's sync step 1: the new doc when this peer must take theirs; after either, it is no longer fresh. */
  onStep1(own: Hello, peer: Hello | undefined, peerStateVector: ReadonlyMap<number, number>): Y.Doc | undefined {
    if (!this.fresh || !this.join) return undefined;
    this.fresh = false;
    return peer && mustTakeTheirs(own, peer, peerStateVector) ? this.join.takeTheirs() : undefined;
  }
}
