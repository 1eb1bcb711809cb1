import { z } from 'zod';
import { NodeId } from './schema';

/**
 * Presence in a collaboration session: what each peer shows the others of itself (y-protocols
 * awareness over WebRTC, or a Live Share shared service). Every state that arrives from a peer is
 * parsed with PresenceState before it is drawn.
 */

/** Who this person is to the others; the extension reads it (git user.name, else the OS user). */
export const CollabUser = z.strictObject({ name: z.string().trim().min(1).max(100) });
export type CollabUser = z.infer<typeof CollabUser>;

export const FlowPoint = z.strictObject({ x: z.number().finite(), y: z.number().finite() });
export type FlowPoint = z.infer<typeof FlowPoint>;

export const PresenceState = z.strictObject({
  name: CollabUser.shape.name,
  colour: z.string().regex(/^#[0-9a-f]{6}$/i, 'expected a #rrggbb colour'),
  /** In flow coordinates; null while the pointer is off the canvas. */
  pointer: FlowPoint.nullable(),
  selection: z.array(NodeId).max(100_000),
  /** The node whose inspector field has focus. */
  editing: NodeId.nullable(),
});
export type PresenceState = z.infer<typeof PresenceState>;

/** A peer as drawn: its state and a number that is its own in the session (awareness client id, Live Share peer). */
export interface PeerPresence extends PresenceState {
  readonly id: number;
}

/** Saturated mid-tone colours, told apart on dark and light themes; chips pick black or white text for each. */
export const PRESENCE_COLOURS = ['#e5484d', '#0090ff', '#30a46c', '#f76b15', '#8e4ec6', '#d6409f', '#12a594', '#ffc53d'] as const;

/** A stable colour for a peer id: the same peer has the same colour on every canvas. */
export const presenceColour = (id: number): string => PRESENCE_COLOURS[Math.abs(Math.trunc(id)) % PRESENCE_COLOURS.length]!;

/**
 * The colour this peer wears among `peers`: its own, unless a peer with a lower id already wears it;
 * then the first colour of the palette, from its stable pick on, that nobody wears. Only the later of
 * two peers moves, so a clash settles in one round and every canvas shows the same colours. With more
 * peers than colours, colours repeat.
 */
export function distinctColour(self: number, mine: string, peers: readonly PeerPresence[]): string {
  if (!peers.some((p) => p.id < self && p.colour === mine)) return mine;
  const worn = new Set(peers.map((p) => p.colour));
  const start = PRESENCE_COLOURS.indexOf(presenceColour(self) as (typeof PRESENCE_COLOURS)[number]);
  for (let k = 0; k < PRESENCE_COLOURS.length; k++) {
    const c = PRESENCE_COLOURS[(start + k) % PRESENCE_COLOURS.length]!;
    if (!worn.has(c)) return c;
  }
  return mine;
}

/** "Ada Lovelace" → "AL"; "ben" → "BE". */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? words[0]![0]! + words.at(-1)![0]! : (words[0] ?? '?').slice(0, 2);
  return letters.toUpperCase();
}

/** The peers in a set of raw states (awareness or relay): valid ones only, not `self`, by id. */
export function peersOf(states: Iterable<[number, unknown]>, self: number): PeerPresence[] {
  const peers: PeerPresence[] = [];
  for (const [id, raw] of states) {
    if (id === self) continue;
    const r = PresenceState.safeParse(raw);
    if (r.success) peers.push({ id, ...r.data });
  }
  return peers.sort((a, b) => a.id - b.id);
}
