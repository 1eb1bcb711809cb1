import WebSocket from 'ws';

/** A `ws` client that queues what it receives, so a test awaits the next message or the close. */
export class TestClient {
  readonly socket: WebSocket;
  private readonly inbox: unknown[] = [];
  private waiting: ((m: unknown) => void) | undefined;
  readonly closed: Promise<{ code: number; reason: string }>;
  readonly opened: Promise<void>;

  constructor(url: string, options: WebSocket.ClientOptions = {}) {
    this.socket = new WebSocket(url, options);
    this.opened = new Promise((resolve, reject) => {
      this.socket.once('open', () => resolve());
      this.socket.once('error', reject);
    });
    this.closed = new Promise((resolve) => this.socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    this.socket.on('message', (data) => {
      const m: unknown = JSON.parse(data.toString());
      if (this.waiting) {
        const w = this.waiting;
        this.waiting = undefined;
        w(m);
      } else this.inbox.push(m);
    });
  }

  static async open(url: string, options?: WebSocket.ClientOptions): Promise<TestClient> {
    const c = new TestClient(url, options);
    await c.opened;
    return c;
  }

  send(m: unknown): void {
    this.socket.send(typeof m === 'string' ? m : JSON.stringify(m));
  }

  next(): Promise<unknown> {
    if (this.inbox.length) return Promise.resolve(this.inbox.shift());
    return new Promise((resolve) => (this.waiting = resolve));
  }

  /** A ping answered: every message sent before it has been handled by the server. */
  async roundTrip(): Promise<void> {
    this.send({ type: 'ping' });
    const m = await this.next();
    if ((m as { type?: string }).type !== 'pong') throw new Error(`expected pong, got ${JSON.stringify(m)}`);
  }

  close(): void {
    this.socket.close();
  }
}
