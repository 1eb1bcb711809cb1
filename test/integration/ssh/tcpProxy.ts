import { EventEmitter, once } from 'node:events';
import net from 'node:net';

/**
 * A TCP relay in front of sshd, so a test can cut every live connection at once (as a network
 * failure would) while new connections still get through.
 */
export class TcpProxy {
  private readonly sockets = new Set<net.Socket>();
  private readonly server: net.Server;
  /** Connections accepted so far: a reconnect shows up here. */
  accepted = 0;
  private readonly events = new EventEmitter();
  private sent = 0;
  private cutAt = Infinity;

  private constructor(targetPort: number) {
    this.server = net.createServer((client) => {
      this.accepted++;
      this.events.emit('accept');
      const upstream = net.connect(targetPort, '127.0.0.1');
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.on('data', (chunk: Buffer) => {
        this.sent += chunk.length;
        this.events.emit('sent');
        if (this.sent >= this.cutAt) {
          this.cutAt = Infinity;
          this.cut();
          this.events.emit('cut');
        }
      });
      client.pipe(upstream).pipe(client);
    });
  }

  static async start(targetPort: number): Promise<{ proxy: TcpProxy; port: number }> {
    const proxy = new TcpProxy(targetPort);
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    return { proxy, port: (proxy.server.address() as net.AddressInfo).port };
  }

  /**
   * Cuts every connection once `bytes` more have gone from the client to the server (an upload under
   * way); resolves when it has.
   */
  cutAfter(bytes: number): Promise<void> {
    this.cutAt = this.sent + bytes;
    return new Promise((resolve) => this.events.once('cut', resolve));
  }

  /** Resolves once `bytes` more have gone from clients to the server (an upload under way). */
  async sentAtLeast(bytes: number): Promise<void> {
    const until = this.sent + bytes;
    while (this.sent < until) await once(this.events, 'sent');
  }

  /** Resolves when the relay has accepted `n` connections in all. */
  async waitForAccepted(n: number): Promise<void> {
    while (this.accepted < n) await once(this.events, 'accept');
  }

  /** Cuts every connection through the relay now. */
  cut(): void {
    for (const s of this.sockets) s.destroy();
  }

  close(): Promise<void> {
    this.cut();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
