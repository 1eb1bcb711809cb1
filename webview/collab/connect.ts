import { CollabProvider, type CollabOptions } from './provider';

/**
 * Real-time collaboration on a Y.Doc over WebRTC. Browser code (WebRTC, WebCrypto, WebSocket): it runs
 * in the webview, or anywhere those exist.
 *
 * Why our own provider and not y-webrtc with a chunking patch (yjs/y-webrtc PR #25, never merged):
 * - y-webrtc gives no hook around a peer's send and receive; chunking it without forking its files
 *   means patching simple-peer's prototype for every user of the page.
 * - It drops failures: sends are wrapped in try/catch and ignored, and a full send buffer closes the
 *   channel. Here each message is chunked under Chromium's 256 KiB limit, flow-controlled, and any
 *   failure closes the link with a reported reason, after which the Yjs sync repairs the gap.
 * - It falls back to public signalling servers and talks over BroadcastChannel; here the signalling
 *   URLs are required and are the only servers contacted.
 * It stays compatible where it matters: the signalling protocol (`bmad signal`, or y-webrtc's server),
 * the message numbering, and the password encryption (roomKey.ts).
 */
export function connect(options: CollabOptions): CollabProvider {
  return new CollabProvider(options);
}

export type { CollabEvents, CollabOptions, PeerState, ProblemKind } from './provider';
export type { CollabProvider };
