import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { clientMessage, DEFAULT_LIMITS, describeIssues, type ClientMessage, type RefusalMessage, type SignalLimits } from './messages';

/**
 * A signalling server speaking y-webrtc's protocol (see messages.ts), with limits y-webrtc's own
 * server lacks: frame size, topics per connection, topic length; malformed messages are refused with
 * a reason (logged, and sent back as `{type:"error"}`), and the connection stays open.
 */

export interface SignalServerOptions {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly limits?: Partial<SignalLimits>;
  /** One line per notable event (refusals, dropped clients); the CLI prints them to stderr. */
  readonly log?: (line: string) => void;
}

export interface SignalServer {
  /** `ws://host:port` */
  readonly url: string;
  /** Closes every client and stops listening. */
  close(): Promise<void>;
}

interface Client {
  readonly socket: WebSocket;
  readonly name: string;
  readonly topics: Set<string>;
  alive: boolean;
}

export async function startSignalServer(o: SignalServerOptions): Promise<SignalServer> {
  const limits: SignalLimits = { ...DEFAULT_LIMITS, ...o.limits };
  const schema = clientMessage(limits);
  const log = o.log ?? (() => undefined);
  const topics = new Map<string, Set<Client>>();
  const clients = new Set<Client>();
  const http_ = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('bmad signal\n'));
  const wss = new WebSocketServer({ server: http_, maxPayload: limits.maxMessageBytes });

  const send = (c: Client, message: object): void => {
    if (c.socket.readyState === c.socket.OPEN) c.socket.send(JSON.stringify(message));
  };
  const refuse = (c: Client, reason: string): void => {
    log(`refused a message from ${c.name}: ${reason}`);
    send(c, { type: 'error', message: reason } satisfies RefusalMessage);
  };
  const leave = (c: Client, topic: string): void => {
    const subs = topics.get(topic);
    subs?.delete(c);
    if (subs?.size === 0) topics.delete(topic);
    c.topics.delete(topic);
  };

  const handle = (c: Client, m: ClientMessage): void => {
    switch (m.type) {
      case 'subscribe': {
        const fresh = m.topics.filter((t) => !c.topics.has(t));
        if (c.topics.size + new Set(fresh).size > limits.maxTopicsPerConnection) {
          refuse(c, `subscribe: at most ${limits.maxTopicsPerConnection} topics per connection`);
          return;
        }
        for (const t of fresh) {
          c.topics.add(t);
          let subs = topics.get(t);
          if (!subs) topics.set(t, (subs = new Set()));
          subs.add(c);
        }
        return;
      }
      case 'unsubscribe':
        for (const t of m.topics) leave(c, t);
        return;
      case 'publish': {
        const receivers = topics.get(m.topic);
        if (!receivers) return;
        // Relayed with `clients` added, as y-webrtc's server does.
        const out = JSON.stringify({ ...m, clients: receivers.size });
        for (const r of receivers) if (r.socket.readyState === r.socket.OPEN) r.socket.send(out);
        return;
      }
      case 'ping':
        send(c, { type: 'pong' });
    }
  };

  const onMessage = (c: Client, data: RawData, isBinary: boolean): void => {
    if (isBinary) return refuse(c, 'expected a JSON text frame, got a binary frame');
    const raw = data.toString();
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (e) {
      return refuse(c, `malformed JSON: ${(e as Error).message}`);
    }
    const r = schema.safeParse(json);
    if (!r.success) return refuse(c, describeIssues(r.error));
    handle(c, r.data);
  };

  wss.on('connection', (socket, req) => {
    const c: Client = { socket, name: `${req.socket.remoteAddress}:${req.socket.remotePort}`, topics: new Set(), alive: true };
    clients.add(c);
    socket.on('pong', () => (c.alive = true));
    socket.on('message', (data, isBinary) => onMessage(c, data, isBinary));
    socket.on('error', (e) => log(`connection ${c.name} closed: ${e.message}`));
    socket.on('close', () => {
      for (const t of [...c.topics]) leave(c, t);
      clients.delete(c);
    });
  });

  const pinger = setInterval(() => {
    for (const c of clients) {
      if (!c.alive) {
        log(`dropped ${c.name}: no answer to the last ping`);
        c.socket.terminate();
        continue;
      }
      c.alive = false;
      c.socket.ping();
    }
  }, limits.pingIntervalMs);

  await new Promise<void>((resolve, reject) => {
    http_.once('error', reject);
    http_.listen(o.port, o.host, () => resolve());
  });
  const { port } = http_.address() as AddressInfo;
  const hostInUrl = o.host.includes(':') ? `[${o.host}]` : o.host;
  return {
    url: `ws://${hostInUrl}:${port}`,
    close: async () => {
      clearInterval(pinger);
      for (const c of clients) c.socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => http_.close(() => resolve()));
    },
  };
}
