import { benchSince } from '../bench/benchSpans';
import { ChunkError, Chunker, Reassembler, type Whole } from './chunks';
import { Inbox, Outbox } from './linkOrder';
import type { SignalPayload } from './signalMessages';

/**
 * One WebRTC connection to one peer: a single ordered, reliable data channel. Large messages are
 * deflated, keeping their order (linkOrder.ts); every message is cut into chunks (chunks.ts) and sent
 * with flow control: Chromium closes a data channel whose send buffer overflows (16 MiB), so chunks
 * wait in our queue while more than HIGH_WATER bytes are buffered. Any failure closes the link with a
 * reason; the provider then connects again and the Yjs sync repairs what the closed link did not deliver.
 *
 * Why the room key does not encrypt these messages (as y-webrtc, whose data channels carry plain Yjs
 * messages; only its signalling and BroadcastChannel traffic use the password): a data channel is
 * DTLS, and each end checks that the certificate the other presents in the handshake has the
 * fingerprint (`a=fingerprint`) of the SDP it received. Offers and answers travel only inside the
 * room's AES-GCM signalling (signalling.ts), which authenticates as well as hides them, so a signalling
 * server or an eavesdropper without the password can neither read those fingerprints nor put its own in:
 * the channel's other end holds the password. A second layer would only add latency (an async
 * WebCrypto round trip per message, each way).
 */

const HIGH_WATER = 4 * 1024 * 1024;
const LOW_WATER = 1024 * 1024;
const CONNECT_TIMEOUT_MS = 20_000;

export interface PeerLinkEvents {
  signal(s: SignalPayload): void;
  open(): void;
  message(m: Uint8Array<ArrayBuffer>): void;
  /** Once; `reason` is undefined for a close we asked for. */
  close(reason: string | undefined): void;
}

export interface PeerLinkOptions {
  readonly initiator: boolean;
  readonly rtc: RTCConfiguration;
  readonly maxMessageBytes: number;
}

export class PeerLink {
  private readonly pc: RTCPeerConnection;
  private channel: RTCDataChannel | undefined;
  private readonly outbox: Outbox;
  private readonly reassembler: Reassembler;
  private readonly inbox: Inbox;
  private readonly queue: Uint8Array<ArrayBuffer>[] = [];
  private pendingCandidates: RTCIceCandidateInit[] = [];
  private readonly timeout: ReturnType<typeof setTimeout>;
  closed = false;
  open = false;

  constructor(private readonly o: PeerLinkOptions, private readonly on: PeerLinkEvents) {
    this.outbox = new Outbox(new Chunker(o.maxMessageBytes), o.maxMessageBytes, (chunks) => {
      this.queue.push(...chunks);
      this.pump();
    }, (reason) => this.end(reason));
    this.reassembler = new Reassembler(o.maxMessageBytes);
    this.inbox = new Inbox(o.maxMessageBytes, (m) => {
      benchSince('bmad:collab:arrived', performance.now());
      this.on.message(m);
    }, (reason) => this.end(`a message from the peer: ${reason}`));
    this.pc = new RTCPeerConnection(o.rtc);
    this.pc.onicecandidate = (e) => {
      const c = e.candidate;
      if (c) on.signal({ type: 'candidate', candidate: { candidate: c.candidate, sdpMid: c.sdpMid, sdpMLineIndex: c.sdpMLineIndex } });
    };
    this.pc.onconnectionstatechange = () => {
      if (this.pc.connectionState === 'failed') this.end('the WebRTC connection failed');
    };
    this.timeout = setTimeout(() => this.open || this.end(`no connection after ${CONNECT_TIMEOUT_MS / 1000} s`), CONNECT_TIMEOUT_MS);
    if (o.initiator) {
      this.attach(this.pc.createDataChannel('bmad-collab', { ordered: true }));
      void this.offer();
    } else {
      this.pc.ondatachannel = (e) => this.attach(e.channel);
    }
  }

  /** A signal from the peer (through the signalling server). */
  async signal(s: SignalPayload): Promise<void> {
    if (this.closed) return;
    try {
      if (s.type === 'candidate') {
        if (this.pc.remoteDescription) await this.pc.addIceCandidate(s.candidate);
        else this.pendingCandidates.push(s.candidate);
        return;
      }
      if (s.type === 'offer' && this.o.initiator) return; // both offered: the other side yields (provider picks initiators)
      if (s.type === 'answer' && this.pc.signalingState !== 'have-local-offer') return; // a duplicate
      await this.pc.setRemoteDescription(s);
      for (const c of this.pendingCandidates.splice(0)) await this.pc.addIceCandidate(c);
      if (s.type === 'offer') {
        await this.pc.setLocalDescription(await this.pc.createAnswer());
        this.on.signal({ type: 'answer', sdp: this.pc.localDescription!.sdp });
      }
    } catch (e) {
      this.end(`signalling (${s.type}): ${(e as Error).message}`);
    }
  }

  /**
   * Queues one whole message; it arrives whole, in order, or the link closes with a reason. `deflated`:
   * its bytes already deflated (shared by the links it goes to), when it is large enough to be.
   */
  send(message: Uint8Array<ArrayBuffer>, deflated?: Promise<Uint8Array<ArrayBuffer>>): void {
    if (this.closed) return;
    try {
      this.outbox.send(message, deflated);
    } catch (e) {
      this.end(`sending: ${(e as Error).message}`);
    }
  }

  /** Bytes waiting in our queue and in the channel's buffer. */
  get backlog(): number {
    return this.queue.reduce((n, c) => n + c.length, 0) + (this.channel?.bufferedAmount ?? 0);
  }

  close(): void {
    this.end(undefined);
  }

  private async offer(): Promise<void> {
    try {
      await this.pc.setLocalDescription(await this.pc.createOffer());
      this.on.signal({ type: 'offer', sdp: this.pc.localDescription!.sdp });
    } catch (e) {
      this.end(`creating an offer: ${(e as Error).message}`);
    }
  }

  private attach(channel: RTCDataChannel): void {
    this.channel = channel;
    channel.binaryType = 'arraybuffer';
    channel.bufferedAmountLowThreshold = LOW_WATER;
    channel.onbufferedamountlow = () => this.pump();
    channel.onopen = () => this.opened();
    channel.onclose = () => this.end('the peer closed the connection');
    channel.onerror = (e) => this.end(`data channel error: ${(e as RTCErrorEvent).error?.message ?? 'unknown'}`);
    channel.onmessage = (e) => this.receive(new Uint8Array(e.data as ArrayBuffer));
  }

  private pump(): void {
    const ch = this.channel;
    if (!ch || ch.readyState !== 'open') return;
    try {
      while (this.queue.length && ch.bufferedAmount < HIGH_WATER) ch.send(this.queue.shift()!);
    } catch (e) {
      this.end(`sending: ${(e as Error).message}`);
    }
  }

  /**
   * Once, before any message is delivered: the provider says its hello on open, and a message heard
   * before that would be taken as the peer's first. Chromium can dispatch a peer's first messages
   * before the channel's own 'open' event (seen under CPU load: the answering end's hello was lost and
   * the link refused as another protocol); a message proves the channel open, so it opens it here.
   */
  private opened(): void {
    if (this.open || this.closed) return;
    this.open = true;
    clearTimeout(this.timeout);
    this.on.open();
    this.pump();
  }

  private receive(chunk: Uint8Array): void {
    this.opened();
    let whole: Whole | undefined;
    try {
      whole = this.reassembler.push(chunk);
    } catch (e) {
      this.end(e instanceof ChunkError ? `bad chunk from the peer: ${e.message}` : String(e));
      return;
    }
    if (whole) this.inbox.push(whole);
  }

  private end(reason: string | undefined): void {
    if (this.closed) return;
    this.closed = true;
    this.open = false;
    this.outbox.stop();
    this.inbox.stop();
    clearTimeout(this.timeout);
    this.queue.length = 0;
    this.channel?.close();
    this.pc.close();
    this.on.close(reason);
  }
}
