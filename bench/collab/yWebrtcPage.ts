import * as Y from 'yjs';
import { WebrtcProvider } from 'y-webrtc';
import { probes } from './probes';

/**
 * bench:collab's reference page: raw y-webrtc (the `y-webrtc` package as published, no chunking) on a
 * plain Y.Doc, meeting the other pages through the same `bmad signal`, with the same probes as our
 * provider's page. No ICE servers (loopback only, as ours), and each page is its own browser context,
 * so y-webrtc's BroadcastChannel shortcut never connects two of them.
 */

const doc = new Y.Doc();
const probe = probes(doc);
let provider: WebrtcProvider | undefined;

const api = {
  join(o: { room: string; password?: string; urls: string[] }) {
    provider = new WebrtcProvider(o.room, doc, { signaling: o.urls, password: o.password, peerOpts: { config: { iceServers: [] } } });
  },
  /**
   * Its room is open and every signalling server has had its announce: only then does the next page
   * join. Two pages announcing to each other at once both make an offer, and y-webrtc's glare handling
   * then stalls now and then (a minute without a connection, measured here).
   */
  announced: () => provider?.room != null && (provider.signalingConns as { connected: boolean }[]).every((c) => c.connected),
  /**
   * Peers whose connection is open. Not `synced` as well: y-webrtc marks a connection synced only
   * while its room is not yet synced (readMessage's `!room.synced`), so the peers already in a room
   * never mark one that joins later (seen here: a third page open to both, synced at neither). The
   * documents start empty, and sync step 1 goes first on a new connection, before any probe.
   */
  peers: () => [...(provider?.room?.webrtcConns.values() ?? [])].filter((c) => c.connected).length,
  sendProbes: (count: number, perSecond: number) => probe.send(count, perSecond),
  probeArrivals: (value: number) => probe.arrivals(value),
  leave: () => provider?.destroy(),
};

export type RawPageApi = typeof api;
(window as unknown as { __raw: RawPageApi }).__raw = api;
