import net from 'node:net';

/**
 * A TCP proxy on loopback between the target and ComfyUI, so a test can cut every connection
 * (HTTP and the /ws socket) mid-job and refuse new ones until it lets them through again.
 */
export class CuttableProxy {
  private readonly server: net.Server;
  private readonly open = new Set<net.Socket>();
  private refusing = false;
  /** Connections accepted (and passed on) since the proxy started. */
  accepted = 0;

  private constructor(private readonly upstreamPort: number) {
    this.server = net.createServer((client) => {
      if (this.refusing) return void client.destroy();
      this.accepted++;
      const upstream = net.connect(this.upstreamPort, '127.0.0.1');
      for (const s of [client, upstream]) {
        this.open.add(s);
        s.on('close', () => this.open.delete(s));
        s.on('error', () => {});
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
  }

  static async start(upstreamPort: number): Promise<CuttableProxy & { url: string }> {
    const p = new CuttableProxy(upstreamPort);
    await new Promise<void>((r) => p.server.listen(0, '127.0.0.1', r));
    return Object.assign(p, { url: `http://127.0.0.1:${(p.server.address() as net.AddressInfo).port}` });
  }

  /** Drops every connection and refuses new ones until resume(). */
  cut(): void {
    this.refusing = true;
    for (const s of this.open) s.destroy();
  }

  resume(): void {
    this.refusing = false;
  }

  close(): Promise<void> {
    this.cut();
    return new Promise((r) => this.server.close(() => r()));
  }
}
