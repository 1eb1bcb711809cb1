import assert from 'node:assert/strict';
import { fromBase64 } from 'lib0/buffer';
import { decryptJson, deriveRoomKey } from '../../../webview/collab/roomKey';
import { startBmadSignal, type SignalProcess } from '../../unit/runner/signalProcess';
import { TestClient } from '../../unit/runner/wsClient';
import { converge, startSwarm, type Peer, type Swarm } from './harness';

const CHANNEL_LIMIT = 262_144;
let roomSeq = 0;
const room = () => `bmad-test-${process.pid}-${++roomSeq}`;

describe('collaboration over WebRTC in Chromium, through a real `bmad signal`', function () {
  this.timeout(120000);
  let signal: SignalProcess;
  let swarm: Swarm;

  before(async () => {
    signal = await startBmadSignal();
    swarm = await startSwarm(() => signal.url);
  });
  after(async () => {
    await swarm?.close();
    const end = await signal?.stop();
    assert.equal(end?.code, 0, end?.stderr);
  });

  /** `n` peers in a fresh room, each connected to all the others. */
  async function joined(n: number, o: { password?: string } = {}): Promise<Peer[]> {
    const r = room();
    const peers = await Promise.all(Array.from({ length: n }, () => swarm.peer()));
    await Promise.all(peers.map((p) => p.join(r, o)));
    await Promise.all(peers.map((p) => p.run((api, k) => api.whenPeers(k), n - 1)));
    return peers;
  }

  it('two peers: concurrent edits to the same and to different nodes converge', async () => {
    const [a, b] = await joined(2, { password: 'pass-1' });
    await Promise.all([
      a!.run((api) => { for (let i = 0; i < 40; i++) api.setField(`n${i % 5}`, 'label', `a${i}`), api.setField(`a${i}`, 'x', i); }, null),
      b!.run((api) => { for (let i = 0; i < 40; i++) api.setField(`n${i % 5}`, 'label', `b${i}`), api.setField(`b${i}`, 'x', i); }, null),
    ]);
    const [da, db] = await converge([a!, b!]);
    assert.equal(da, db);
    assert.equal(await a!.run((api) => api.nodeCount(), null), 85);
    assert.deepEqual(await a!.run((api) => api.problems(), null), []);
  });

  it('three peers: concurrent edits converge', async () => {
    const peers = await joined(3);
    await Promise.all(peers.map((p, k) => p.run((api, me) => {
      for (let i = 0; i < 60; i++) api.setField(`n${i % 7}`, `f${i % 3}`, `${me}:${i}`);
      api.setField(`own${me}`, 'label', me);
    }, `p${k}`)));
    const digests = await converge(peers);
    assert.equal(new Set(digests).size, 1, 'all three docs are equal');
    assert.equal(await peers[2]!.run((api) => api.nodeCount(), null), 10);
  });

  it("a change a peer makes inside another's update (a merge repair) reaches every peer", async () => {
    const [a, b, c] = await joined(3);
    await b!.run((api) => api.repairs('n1', 'bad'), null);
    await a!.run((api) => (api.setField('n1', 'label', 'kept'), api.setField('n1', 'bad', true)), null);
    // A deletion adds no struct (the state vectors do not show it): wait for it at each peer.
    await Promise.all([a!, c!].map((p) => p.run((api) => api.whenFieldGone('n1', 'bad'), null)));
    const digests = await converge([a!, b!, c!]);
    assert.equal(new Set(digests).size, 1);
    for (const p of [a!, b!, c!]) assert.equal(await p.run((api) => api.field('n1', 'label'), null), 'kept');
  });

  it("a channel whose 'open' event comes after the peer's first messages still syncs, and nobody is refused", async () => {
    const r = room();
    const [a, b] = [await swarm.peer(), await swarm.peer()];
    await b.run((api) => api.openEventsLate(500), null);
    await a.run((api) => api.setField('from-a', 'label', 'a'), null);
    await b.run((api) => api.setField('from-b', 'label', 'b'), null);
    await Promise.all([a, b].map((p) => p.join(r, { password: 'late-open' })));
    // Refused, the link would be made again and refused again: fail on the first refusal, not a timeout.
    const refused = (p: Peer) => p.run((api) => api.whenProblem('version'), null).then((m) => assert.fail(m));
    await Promise.race([Promise.all([a, b].map((p) => p.run((api) => api.whenPeers(1), null))), refused(a), refused(b)]);
    const [da, db] = await converge([a, b]);
    assert.equal(da, db);
    assert.equal(await b.run((api) => api.nodeCount(), null), 2);
    assert.deepEqual({ a: await a.run((api) => api.problems(), null), b: await b.run((api) => api.problems(), null) }, { a: [], b: [] });
  });

  it('an update over 256 KiB (1 MB of text in one transaction) arrives whole, and small ones still flow', async () => {
    const [a, b] = await joined(2, { password: 'big' });
    await a!.run((api) => api.insertText(1024 * 1024), null);
    assert.ok((await a!.run((api) => api.lastUpdateBytes(), null)) > CHANNEL_LIMIT, 'the update is over the data-channel limit');
    const [da, db] = await converge([a!, b!]);
    assert.equal(da, db);
    assert.equal(await b!.run((api) => api.textLength(), null), 1024 * 1024);
    await a!.run((api) => api.setField('after', 'label', 'small'), null);
    await b!.run((api) => api.setField('after-b', 'label', 'small too'), null);
    const [ea, eb] = await converge([a!, b!]);
    assert.equal(ea, eb);
    assert.equal(await b!.run((api) => api.nodeCount(), null), 2);
    assert.deepEqual({ a: await a!.run((api) => api.problems(), null), b: await b!.run((api) => api.problems(), null) }, { a: [], b: [] });
  });

  it('a late joiner syncs a 5,000-node canvas (megabytes)', async () => {
    const r = room();
    const [a, b] = [await swarm.peer(), await swarm.peer()];
    await a.join(r, { password: 'late' });
    await a.run((api) => api.addNodes(5000, 'shot', 300), null);
    const bytes = await a.run((api) => api.docBytes(), null);
    assert.ok(bytes > 1_000_000, `the document is ${bytes} bytes`);
    await b.join(r, { password: 'late' });
    await b.run((api) => api.whenPeers(1), null);
    const [da, db] = await converge([a, b]);
    assert.equal(da, db);
    assert.equal(await b.run((api) => api.nodeCount(), null), 5000);
  });

  it("a fresh joiner whose canvas is another file's takes the room's; one of the same file merges its own", async () => {
    const r = room();
    const [ada, cy, ben] = [await swarm.peer(), await swarm.peer(), await swarm.peer()];
    const join = (p: Peer, seed: number) => p.run((api, o) => api.join(o), { room: r, password: 'files', urls: [signal.url], fresh: seed });
    // Seed ids: Cy's is the higher, so without the rule Cy's whole copy of each node would win.
    await ada.run((api) => api.seed(111, 50, 'Harbour'), null);
    await join(ada, 111);
    await ada.run((api) => api.setField('n7', 'label', "the room's edit"), null);
    await cy.run((api) => api.seed(222, 50, 'Harbour, one commit behind'), null);
    await join(cy, 222);
    await cy.run((api) => api.whenPeers(1), null);
    assert.equal(await cy.run((api) => api.tookTheirs(), null), true, 'Cy took the room\'s canvas');
    assert.equal(await ada.run((api) => api.tookTheirs(), null), false, 'Ada kept her own');
    const [da, dc] = await converge([ada, cy]);
    assert.equal(dc, da);
    assert.equal(await cy.run((api) => api.field('n7', 'label'), null), "the room's edit");
    assert.equal(await cy.run((api) => api.field('n8', 'label'), null), 'Harbour 8');
    await ben.run((api) => api.seed(111, 50, 'Harbour'), null);
    await join(ben, 111);
    await ben.run((api) => api.whenPeers(2), null);
    assert.equal(await ben.run((api) => api.tookTheirs(), null), false, 'Ben, of the same file, merged');
    const all = await converge([ada, cy, ben]);
    assert.deepEqual(all, [da, da, da]);
    assert.deepEqual(await cy.run((api) => api.problems(), null), []);
  });

  it('a peer that goes offline, edits, and comes back merges both sides', async () => {
    const r = room();
    const [a, b] = [await swarm.peer(), await swarm.peer()];
    await Promise.all([a.join(r), b.join(r)]);
    await b.run((api) => api.whenPeers(1), null);
    await a.run((api) => api.setField('shared', 'label', 'before'), null);
    await converge([a, b]);
    await b.run((api) => api.leave(), null);
    await a.run((api) => api.whenPeerCount(0), null);
    await b.run((api) => { api.setField('shared', 'offline', 'b'); api.setField('onlyB', 'label', 'b'); }, null);
    await a.run((api) => { api.setField('shared', 'online', 'a'); api.setField('onlyA', 'label', 'a'); }, null);
    assert.notEqual(...(await Promise.all([a.run((api) => api.digest(), null), b.run((api) => api.digest(), null)])) as [string, string]);
    await b.join(r);
    await b.run((api) => api.whenPeers(1), null);
    const [da, db] = await converge([a, b]);
    assert.equal(da, db);
    assert.equal(await a.run((api) => api.nodeCount(), null), 3);
  });

  it('a peer with the wrong password never syncs, and the peers say why', async () => {
    const r = room();
    const [a, wrong, d] = [await swarm.peer(), await swarm.peer(), await swarm.peer()];
    await a.join(r, { password: 'right' });
    await a.run((api) => api.setField('secret', 'label', 'only for the right password'), null);
    await wrong.join(r, { password: 'wrong' });
    assert.match(await a.run((api) => api.whenProblem('decrypt'), null), /another password/);
    // A later peer with the right password gets in; its announce reaches the wrong one, which says so too.
    await d.join(r, { password: 'right' });
    await d.run((api) => api.whenPeers(1), null);
    assert.match(await wrong.run((api) => api.whenProblem('decrypt'), null), /another password/);
    const [da, dd] = await converge([a, d]);
    assert.equal(da, dd);
    assert.equal(await wrong.run((api) => api.peerCount(), null), 0);
    assert.equal(await wrong.run((api) => api.nodeCount(), null), 0);
    assert.equal(await a.run((api) => api.peerCount(), null), 1);
  });

  it('what the signalling server relays is sealed: the SDP fingerprints that key the data channels, and no canvas', async () => {
    const r = room();
    const tap = await TestClient.open(signal.url);
    tap.send({ type: 'subscribe', topics: [r] });
    await tap.roundTrip();
    const [a, b] = [await swarm.peer(), await swarm.peer()];
    await a.join(r, { password: 'sealed-pass' });
    await b.join(r, { password: 'sealed-pass' });
    await b.run((api) => api.whenPeers(1), null);
    await a.run((api) => api.setField('private', 'label', 'a line nobody else may read'), null);
    const [da, db] = await converge([a, b]);
    assert.equal(da, db);
    // Everything relayed before the pong: the whole handshake (both peers are connected).
    tap.send({ type: 'ping' });
    const relayed: unknown[] = [];
    for (let m = await tap.next(); (m as { type: string }).type !== 'pong'; m = await tap.next()) relayed.push((m as { data: unknown }).data);
    tap.close();
    assert.ok(relayed.every((d) => typeof d === 'string'), 'every relayed message is a sealed string');
    const bytes = relayed.map((d) => Buffer.from(fromBase64(d as string)).toString('latin1'));
    for (const needle of ['a=fingerprint', 'candidate', 'announce', 'a line nobody']) {
      assert.ok(bytes.every((x) => !x.includes(needle)), `no relayed message shows "${needle}"`);
    }
    // With the password they open, and hold the offer and answer with their certificate fingerprints.
    const key = await deriveRoomKey('sealed-pass', r);
    const opened = await Promise.all(relayed.map((d) => decryptJson(fromBase64(d as string), key)));
    const sdps = opened.flatMap((m) => (m as { signal?: { type: string; sdp?: string } }).signal ?? []).filter((x) => x.sdp);
    assert.deepEqual([...new Set(sdps.map((x) => x.type))].sort(), ['answer', 'offer']);
    assert.ok(sdps.every((x) => /^a=fingerprint:sha-256 [0-9A-F:]+\r?$/m.test(x.sdp!)), 'each carries its DTLS fingerprint');
    const other = await deriveRoomKey('guessed-pass', r);
    await assert.rejects(decryptJson(fromBase64(relayed[0] as string), other), /another password/);
  });

  it('contacts only the signalling URLs given: none is an error, and no page opened another socket', async () => {
    const [p] = await joined(2);
    assert.equal(await p!.run((api) => api.connectWithoutSignalling(), null), 'collaboration needs at least one signalling URL');
    assert.ok(swarm.sockets.length > 0, 'the pages did open sockets (else this proves nothing)');
    assert.deepEqual([...new Set(swarm.sockets.map((u) => new URL(u).href))], [new URL(signal.url).href]);
    // No server address is written into the code (y-webrtc's defaults are wss://signaling.yjs.dev and others).
    const hosts = swarm.bundle.match(/wss?:\/\/[\w.-]+/g) ?? [];
    assert.deepEqual(hosts, []);
  });
});
