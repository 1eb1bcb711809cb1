import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import type * as Y from 'yjs';

/**
 * The messages peers exchange over a data channel, numbered as y-webrtc numbers them: sync (y-protocols
 * sync steps and updates), awareness, and a query for awareness.
 */

const SYNC = 0;
const AWARENESS = 1;
const QUERY_AWARENESS = 3;

export const syncStep1 = (doc: Y.Doc): Uint8Array<ArrayBuffer> =>
  encoding.encode((e) => {
    encoding.writeVarUint(e, SYNC);
    syncProtocol.writeSyncStep1(e, doc);
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
    case QUERY_AWARENESS:
      return { reply: awarenessMessage(awareness, [...awareness.getStates().keys()]), synced: false };
    default:
      throw new Error(`unknown message type ${type}`);
  }
}
