import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { z } from 'zod';
import type { Hello } from './seedGate';

/**
 * The messages peers exchange over a data channel, numbered as y-webrtc numbers them: sync (y-protocols
 * sync steps and updates), awareness, and a query for awareness; and ours, a hello that each end sends
 * first, before its sync step 1 (seedGate.ts), numbered apart from y-webrtc's. The hello carries
 * PROTOCOL, so that peers that would read each other's messages differently refuse each other instead.
 */

const SYNC = 0;
const AWARENESS = 1;
const QUERY_AWARENESS = 3;
const HELLO = 16;

/**
 * What goes over a data channel; a change to it is a new number. 2: no room-key layer (peerLink.ts).
 * 3: large messages deflated (a first chunk of kind 2, chunks.ts).
 */
export const PROTOCOL = 3;

/** The peer speaks another collaboration protocol than this one. */
export class ProtocolError extends Error {
  override name = 'ProtocolError';
}

const hello = z.object({ fresh: z.boolean(), seed: z.number().int().nonnegative(), inRoomMs: z.number().nonnegative() });

export const helloMessage = (h: Hello): Uint8Array<ArrayBuffer> =>
  encoding.encode((e) => {
    encoding.writeVarUint(e, HELLO);
    encoding.writeVarUint(e, PROTOCOL);
    encoding.writeVarString(e, JSON.stringify(h));
  });

/**
 * Checks that a link's first message is a hello of this protocol: a peer of another version would send
 * messages this one misreads (before version 2, every message was AES-GCM-sealed with the room key).
 */
export function checkFirstMessage(message: Uint8Array): void {
  const d = decoding.createDecoder(message);
  const version = decoding.hasContent(d) && decoding.readVarUint(d) === HELLO && decoding.hasContent(d) ? decoding.readVarUint(d) : undefined;
  if (version === PROTOCOL) return;
  const theirs = version === undefined ? 'another collaboration protocol (its first message is not a hello)' : `collaboration protocol ${version}`;
  throw new ProtocolError(`the peer speaks ${theirs}, this one protocol ${PROTOCOL}: both need the same version of BMAD Movie Director`);
}

/** The state vector of a sync step 1, or undefined for any other message. Reads a copy: `message` is untouched. */
export function peerStateVector(message: Uint8Array): Map<number, number> | undefined {
  const d = decoding.createDecoder(message);
  if (decoding.readVarUint(d) !== SYNC || decoding.readVarUint(d) !== syncProtocol.messageYjsSyncStep1) return undefined;
  return Y.decodeStateVector(decoding.readVarUint8Array(d));
}

export const syncStep1 = (doc: Y.Doc): Uint8Array<ArrayBuffer> =>
  encoding.encode((e) => {
    encoding.writeVarUint(e, SYNC);
    syncProtocol.writeSyncStep1(e, doc);
  });

/** A sync step 2 carrying `update` (what y-protocols' writeSyncStep2 writes, from bytes already encoded). */
export const syncStep2 = (update: Uint8Array): Uint8Array<ArrayBuffer> =>
  encoding.encode((e) => {
    encoding.writeVarUint(e, SYNC);
    encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep2);
    encoding.writeVarUint8Array(e, update);
  });

export const updateMessage = (update: Uint8Array): Uint8Array<ArrayBuffer> =>
  encoding.encode((e) => {
    encoding.writeVarUint(e, SYNC);
    syncProtocol.writeUpdate(e, update);
  });

export const awarenessMessage = (awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array<ArrayBuffer> =>
  encoding.encode((e) => {
    encoding.writeVarUint(e, AWARENESS);
    encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  });

export interface Received {
  /** What to send back, if anything (a sync step 2 for a step 1, our awareness for a query). */
  readonly reply?: Uint8Array<ArrayBuffer>;
  /** The peer has sent its whole state (sync step 2). */
  readonly synced: boolean;
  /** The peer's hello, when this was one. */
  readonly hello?: Hello;
}

/**
 * Applies one message from a peer: document changes with `origin` as the transaction origin (so they
 * are not sent back), awareness with `origin` too. Throws on a message it cannot read.
 */
export function receive(message: Uint8Array, doc: Y.Doc, awareness: awarenessProtocol.Awareness, origin: object): Received {
  const d = decoding.createDecoder(message);
  const type = decoding.readVarUint(d);
  switch (type) {
    case SYNC: {
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, SYNC);
      const step = syncProtocol.readSyncMessage(d, e, doc, origin);
      const reply = encoding.length(e) > 1 ? encoding.toUint8Array(e) : undefined;
      return { reply, synced: step === syncProtocol.messageYjsSyncStep2 };
    }
    case AWARENESS:
      awarenessProtocol.applyAwarenessUpdate(awareness, decoding.readVarUint8Array(d), origin);
      return { synced: false };
    case HELLO: {
      decoding.readVarUint(d); // the protocol, checked on the link's first message (checkFirstMessage)
      const text = decoding.readVarString(d);
      const h = hello.safeParse(JSON.parse(text));
      if (!h.success) throw new Error(`a hello that is not one (${h.error.issues[0]?.path.join('.') ?? ''}: ${h.error.issues[0]?.message ?? ''})`);
      return { synced: false, hello: h.data };
    }
    case QUERY_AWARENESS:
      return { reply: awarenessMessage(awareness, [...awareness.getStates().keys()]), synced: false };
    default:
      throw new Error(`unknown message type ${type}`);
  }
}
