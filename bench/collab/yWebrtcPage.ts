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
  /** Peers whose connection is open and synced. */
  peers: () => [...(provider?.room?.webrtcConns.values() ?? [])].filter((c) => c.connected && c.synced).length,
  sendProbes: (count: number, perSecond: number) => probe.send(count, perSecond),
  probeArrivals: (value: number) => probe.arrivals(value),
  leave: () => provider?.destroy(),
};

export type RawPageApi = typeof api;
(window as unknown as { __raw: RawPageApi }).__raw = api;
