import assert from 'node:assert/strict';
import { startSignalServer, type SignalServer } from '../../runner/signal/server';
import { startBmadSignal } from './runner/signalProcess';
import { TestClient } from './runner/wsClient';

describe('bmad signal (the signalling server, with the ws client)', function () {
  this.timeout(60000);
  let server: SignalServer;
  let log: string[];
  const clients: TestClient[] = [];
  const open = async (o?: ConstructorParameters<typeof TestClient>[1]) => {
    const c = await TestClient.open(server.url, o);
    clients.push(c);
    return c;
  };

  beforeEach(async () => {
    log = [];
    server = await startSignalServer({ host: '127.0.0.1', port: 0, log: (l) => log.push(l), limits: { maxMessageBytes: 4096, maxTopicsPerConnection: 3 } });
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    await server.close();
  });

  it('relays a publish to every subscriber of the topic, the sender too, with the count', async () => {
    const [a, b, other] = [await open(), await open(), await open()];
    a.send({ type: 'subscribe', topics: ['room-1'] });
    b.send({ type: 'subscribe', topics: ['room-1'] });
    other.send({ type: 'subscribe', topics: ['room-2'] });
    await Promise.all([a.roundTrip(), b.roundTrip(), other.roundTrip()]);
    a.send({ type: 'publish', topic: 'room-1', data: { type: 'announce', from: 'a' } });
    const expected = { type: 'publish', topic: 'room-1', data: { type: 'announce', from: 'a' }, clients: 2 };
    assert.deepEqual(await a.next(), expected);
    assert.deepEqual(await b.next(), expected);
    await other.roundTrip(); // it got nothing before its pong
  });

  it('refuses malformed JSON with a logged reason and keeps serving the connection', async () => {
    const a = await open();
    a.send('{"type": "subscribe", topics');
    const refusal = (await a.next()) as { type: string; message: string };
    assert.equal(refusal.type, 'error');
    assert.match(refusal.message, /^malformed JSON: /);
    assert.ok(log.some((l) => l.includes('malformed JSON')), `logged: ${log.join('\n')}`);
    await a.roundTrip();
  });

  it('refuses a message of the wrong shape, naming the JSON path', async () => {
    const a = await open();
    a.send({ type: 'publish', topic: 42 });
    assert.deepEqual(await a.next(), { type: 'error', message: '$.topic: Invalid input: expected string, received number' });
    a.send({ type: 'dance' });
    assert.match(((await a.next()) as { message: string }).message, /^\$\.type: /);
    a.send([1, 2]);
    assert.equal(((await a.next()) as { type: string }).type, 'error');
    await a.roundTrip();
  });

  it('refuses more topics than a connection may have', async () => {
    const a = await open();
    a.send({ type: 'subscribe', topics: ['t1', 't2'] });
    a.send({ type: 'subscribe', topics: ['t3', 't4'] });
    assert.deepEqual(await a.next(), { type: 'error', message: 'subscribe: at most 3 topics per connection' });
    // The refused subscribe changed nothing: t1 still reaches this client, t3 does not.
    a.send({ type: 'publish', topic: 't3', data: 1 });
    a.send({ type: 'publish', topic: 't1', data: 2 });
    assert.deepEqual(await a.next(), { type: 'publish', topic: 't1', data: 2, clients: 1 });
  });

  it('closes a connection that sends an oversize frame (1009) and stays up for others', async () => {
    const a = await open();
    const b = await open();
    a.send({ type: 'publish', topic: 'x', data: 'y'.repeat(5000) });
    assert.equal((await a.closed).code, 1009);
    await b.roundTrip();
    await (await open()).roundTrip();
  });

  it('drops a client that stops answering pings', async () => {
    await server.close();
    server = await startSignalServer({ host: '127.0.0.1', port: 0, log: (l) => log.push(l), limits: { pingIntervalMs: 100 } });
    const silent = await open({ autoPong: false });
    const live = await open();
    await silent.closed;
    assert.ok(log.some((l) => l.startsWith('dropped ') && l.includes('no answer to the last ping')), log.join('\n'));
    assert.equal(live.socket.readyState, live.socket.OPEN, 'a client that answers pings stays');
    await live.roundTrip();
  });

  it('runs as `bmad signal`: prints its URL on 127.0.0.1, and Ctrl+C stops it cleanly', async () => {
    const p = await startBmadSignal();
    assert.match(p.url, /^ws:\/\/127\.0\.0\.1:\d+$/);
    const c = await TestClient.open(p.url);
    await c.roundTrip();
    const closed = c.closed;
    const end = await p.stop();
    assert.equal(end.code, 0, end.stderr);
    assert.match(end.stdout, /stopped/);
    await closed;
  });
});
