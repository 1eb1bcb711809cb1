import { z } from 'zod';

/**
 * What peers say to each other through the signalling server, inside a `publish` to the room's topic
 * (y-webrtc's shapes: `announce`, and `signal` carrying an offer, answer or ICE candidate). `mid` is
 * ours: a random id per message, so a message that arrives through two signalling servers counts once.
 */

const sdp = z.object({ type: z.enum(['offer', 'answer']), sdp: z.string().max(64 * 1024) });
const candidate = z.object({
  type: z.literal('candidate'),
  candidate: z.object({
    candidate: z.string().max(4096),
    sdpMid: z.string().max(256).nullable().optional(),
    sdpMLineIndex: z.number().int().nullable().optional(),
  }),
});
export const signalPayload = z.union([sdp, candidate]);
export type SignalPayload = z.infer<typeof signalPayload>;

const peerId = z.string().min(1).max(128);

export const roomMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('announce'), from: peerId, mid: z.string().max(64).optional() }),
  z.object({ type: z.literal('signal'), from: peerId, to: peerId, signal: signalPayload, mid: z.string().max(64).optional() }),
]);
export type RoomMessage = z.infer<typeof roomMessage>;

/** What the server sends: a relayed publish, a pong, or a refusal of something we sent. */
export const serverMessage = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('publish'), topic: z.string(), data: z.unknown() }),
  z.object({ type: z.literal('pong') }),
  z.object({ type: z.literal('error'), message: z.string() }),
]);
