import WebSocket from 'ws';
import { WsEvent } from './api';
import { ComfyUnreachable } from './http';

/**
 * ComfyUI's /ws for one client id. ComfyUI sends a prompt's events only to the client id it was
 * queued with, so a dropped socket reconnects with the same id (with backoff) and tells its
 * listeners, which then read /history for what they may have missed. Binary frames (previews) and
 * event types the client does not follow are ignored.
 */
export class ComfySocket {
  private ws: WebSocket | undefined;
  private closed = false;
  private readonly listeners = new Set<(e: WsEvent) => void>();
  private readonly reconnectListeners = new Set<() => void>();
  private connected = false;
  private downSince: number | undefined;

  constructor(
    private readonly base: string,
    readonly clientId: string,
  ) {}

  /** Connects; rejects when the first connection fails (ComfyUI is not there). */
  open(): Promise<void> {
    return new Promise((resolve, reject) => this.connect(resolve, reject));
  }

  /** Whether the socket is up; `downFor` is how long it has been down, in ms. */
  get downFor(): number {
    return this.connected || this.downSince === undefined ? 0 : Date.now() - this.downSince;
  }

  on(listener: (e: WsEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onReconnect(listener: () => void): () => void {
    this.reconnectListeners.add(listener);
    return () => this.reconnectListeners.delete(listener);
  }

  close(): void {
    this.closed = true;
    this.ws?.terminate();
  }

  private connect(onOpen?: () => void, onFirstError?: (e: Error) => void, attempt = 0): void {
    if (this.closed) return;
    const url = `${this.base.replace(/^http/, 'ws')}/ws?clientId=${encodeURIComponent(this.clientId)}`;
    const ws = new WebSocket(url);
    this.ws = ws;
    let opened = false;
    ws.on('open', () => {
      opened = true;
      this.connected = true;
      this.downSince = undefined;
      if (onOpen) onOpen();
      else for (const l of this.reconnectListeners) l();
    });
    ws.on('message', (data, binary) => {
      if (binary) return;
      let parsed: unknown;
      try {
        parsed = JSON.parse(String(data));
      } catch {
        return;
      }
      const r = WsEvent.safeParse(parsed);
      if (r.success) for (const l of this.listeners) l(r.data);
    });
    // 'error' is always followed by 'close'; handling it keeps ws from throwing.
    ws.on('error', (e) => {
      if (opened || !onFirstError) return;
      onFirstError(new ComfyUnreachable(`ComfyUI at ${this.base} refused its websocket: ${e.message}`));
    });
    ws.on('close', () => {
      this.connected = false;
      this.downSince ??= Date.now();
      if (this.closed || (!opened && onFirstError)) return;
      const delay = Math.min(2000, 100 * 2 ** Math.min(attempt, 5));
      setTimeout(() => this.connect(undefined, undefined, opened ? 0 : attempt + 1), delay).unref();
    });
  }
}
