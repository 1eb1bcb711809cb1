import { hashNumber } from '../../core/breakdown/hash';

/**
 * Bumped whenever the Y structure a canvas is seeded with changes (nodeToY, diffIntoY, the root
 * names): pages of different versions then seed under different client ids instead of two different
 * structures claiming the same Yjs ids, which Yjs would never reconcile.
 */
const SEED_FORMAT = 1;

/**
 * The Yjs client id that writes a fresh Y.Doc's first state, from the canonical text it holds.
 *
 * Why: a Y.Map keeps ONE value per key when two peers set it concurrently, so if every page built its
 * nodes under its own random client id, a peer joining a session late (with no snapshot of the room)
 * would bring a second whole copy of every node, and about one join in two (whichever client id is
 * higher) its stale copy would replace what the room had done to that node since, on every canvas.
 * Seeded under an id derived from the text, every page that opens the same committed file writes
 * the very same items with the very same ids: Yjs sees the joiner's seed as what it already has and
 * keeps the room's edits on top. The page's own random id writes everything after the seed.
 *
 * When the joiner's file differs from what the room started from, its nodes are other items; the room
 * does not know its seed client id then, and a fresh joiner takes the room's canvas instead of merging
 * (webview/collab/seedGate.ts).
 */
export function seedClientId(canonicalText: string): number {
  return hashNumber(`bmad-seed/${SEED_FORMAT}\n${canonicalText}`);
}
