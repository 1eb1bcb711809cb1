import { fromBase64, toBase64 } from 'lib0/buffer';
import { decryptJson, encryptJson, type RoomKey } from './roomKey';
import { roomMessage, serverMessage, type RoomMessage } from './signalMessages';

/**
 * One room on one signalling server: subscribes to the room's topic, publishes (encrypted when the
 * room has a password, base64 as y-webrtc sends it), and reconnects with backoff until closed.
 */

export type SignallingStatus = 'connecting' | 'connected' | 'disconnected';

export interface SignallingEvents {
  message(m: RoomMessage): void;
  status(s: SignallingStatus): void;
  /** A message we could not read: another password, a malformed message, a refusal by the server. */
  problem(kind: 'decrypt' | 'malformed' | 'refused', detail: string): void;
}

const MAX_BACKOFF_MS = 10_000;

export class SignallingLink {
  private socket: WebSocket | undefined;
  private closed = false;
  private attempts = 0;
  private retry: ReturnType<typeof setTimeout> | undefined;
  status: SignallingStatus = 'connecting';

  constructor(
    readonly url: string,
    private readonly room: string,
    private readonly key: RoomKey | undefined,
    private readonly on: SignallingEvents,
    /** What to say each time the socket opens (our announce). */
    private readonly greeting: () => RoomMessage,
  ) {
    this.open();
  }

  async publish(m: RoomMessage): Promise<void> {
    const data = this.key ? toBase64(await encryptJson(m, this.key)) : m;
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify({ type: 'publish', topic: this.room, data }));
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.retry);
    this.socket?.close();
    this.setStatus('disconnected');
  }

  private open(): void {
    const socket = new WebSocket(this.url);
    this.socket = socket;
    this.setStatus('connecting');
    socket.onopen = () => {
      this.attempts = 0;
      socket.send(JSON.stringify({ type: 'subscribe', topics: [this.room] }));
      this.setStatus('connected');
      void this.publish(this.greeting());
    };
    socket.onmessage = (e) => void this.receive(e.data);
    socket.onclose = () => {
      if (this.closed) return;
      this.setStatus('disconnected');
      const delay = Math.min(MAX_BACKOFF_MS, 250 * 2 ** this.attempts++);
      this.retry = setTimeout(() => this.open(), delay);
    };
  }

  private async receive(raw: unknown): Promise<void> {
    let parsed;
    try {
      parsed = serverMessage.safeParse(JSON.parse(String(raw)));
    } catch {
      return this.on.problem('malformed', `${this.url}: a frame that is not JSON`);
    }
    if (!parsed.success) return this.on.problem('malformed', `${this.url}: ${parsed.error.issues[0]?.message ?? 'unexpected message'}`);
    const m = parsed.data;
    if (m.type === 'error') return this.on.problem('refused', `${this.url}: ${m.message}`);
    if (m.type !== 'publish' || m.topic !== this.room) return;
    let data: unknown = m.data;
    if (this.key) {
      if (typeof data !== 'string') return this.on.problem('decrypt', `${this.url}: an unencrypted message in a room with a password`);
      try {
        data = await decryptJson(fromBase64(data), this.key);
      } catch (e) {
        return this.on.problem('decrypt', `${this.url}: ${(e as Error).message}`);
      }
    }
    const r = roomMessage.safeParse(data);
    if (!r.success) return this.on.problem('malformed', `${this.url}: room message: ${r.error.issues[0]?.message ?? 'unexpected'}`);
    this.on.message(r.data);
  }

  private setStatus(s: SignallingStatus): void {
    if (s === this.status) return;
    this.status = s;
    this.on.status(s);
  }
}
