import { z } from 'zod';

/**
 * The y-webrtc signalling protocol (yjs/y-webrtc bin/server.js): JSON text frames. A client subscribes
 * to topics (room names), publishes to a topic (the server relays the message to every subscriber,
 * the sender included, adding `clients`), and may ping. `data` is opaque to the server: a plain object,
 * or a base64 string when the room has a password.
 */

export interface SignalLimits {
  /** Largest frame accepted, in bytes; a larger one closes the connection with 1009 (message too big). */
  readonly maxMessageBytes: number;
  readonly maxTopicsPerConnection: number;
  readonly maxTopicLength: number;
  /** Interval between pings; a client that has not answered the previous ping by then is dropped. */
  readonly pingIntervalMs: number;
}

export const DEFAULT_LIMITS: SignalLimits = {
  maxMessageBytes: 256 * 1024,
  maxTopicsPerConnection: 64,
  maxTopicLength: 256,
  pingIntervalMs: 30_000,
};

export function clientMessage(limits: SignalLimits) {
  const topic = z.string().min(1).max(limits.maxTopicLength);
  return z.discriminatedUnion('type', [
    z.object({ type: z.literal('subscribe'), topics: z.array(topic).max(limits.maxTopicsPerConnection) }),
    z.object({ type: z.literal('unsubscribe'), topics: z.array(topic).max(limits.maxTopicsPerConnection) }),
    z.looseObject({ type: z.literal('publish'), topic }),
    z.object({ type: z.literal('ping') }),
  ]);
}

export type ClientMessage = z.infer<ReturnType<typeof clientMessage>>;

/** What the server sends back about a message it refused; y-webrtc clients ignore unknown types. */
export interface RefusalMessage {
  readonly type: 'error';
  readonly message: string;
}

/** A refusal's text: the JSON path of the first problem and what is wrong there. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? `$.${i.path.join('.')}` : '$'}: ${i.message}`)
    .join('; ');
}
