import { toBase64 } from 'lib0/buffer';
import type { CollabTransport } from './canvasCollab';

/**
 * At most this often the host gets the session's Y.Doc state to keep (collabSnapshot), so a canvas
 * that closes loses at most this much of it; what it loses is still in the file, and comes back as
 * this peer's edits on rejoin (the same values, so it merges as a no-op unless someone changed them).
 */
const SNAPSHOT_MS = 2000;

/**
 * When a session's whole state is encoded: for the host's snapshot, at most every SNAPSHOT_MS after a
 * change, and once when this peer has settled in the room. Each encoding is kept to answer a joiner
 * that has none of it (docSync.ts keepState).
 */
export class Snapshots {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private settleDelay: ReturnType<typeof setTimeout> | undefined;
  private settleIdle: number | undefined;

  constructor(
    private readonly transport: CollabTransport,
    private readonly post: (update: string) => void,
  ) {
    this.keepWhenSettled();
  }

  /** The doc changed: a snapshot within SNAPSHOT_MS. */
  changed(): void {
    this.timer ??= setTimeout(() => this.postNow(), SNAPSHOT_MS);
  }

  private postNow(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.post(toBase64(this.transport.keepState()));
  }

  /** Leaving: the last snapshot goes now, nothing more after. */
  stop(): void {
    this.postNow();
    clearTimeout(this.settleDelay);
    if (this.settleIdle !== undefined) cancelIdleCallback(this.settleIdle);
  }

  /**
   * A peer in the room a while has its whole state kept, deflated too, even with no change to snapshot
   * (the room's first peer, before anyone joins). Not at once: a joiner is busy with its own sync then,
   * and the encode is 200 ms of a 5,000-node canvas; when idle, SNAPSHOT_MS on.
   */
  private keepWhenSettled(): void {
    if (typeof requestIdleCallback !== 'function') return;
    this.settleDelay = setTimeout(() => {
      this.settleIdle = requestIdleCallback(() => this.transport.keepState({ deflate: true }), { timeout: SNAPSHOT_MS });
    }, SNAPSHOT_MS);
  }
}
