import assert from 'node:assert/strict';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { helloMessage, receive, updateMessage } from '../../webview/collab/docMessages';
import { DocSync, type SyncLink } from '../../webview/collab/docSync';

/**
 * A peer's update is applied without Yjs encoding it again for the 'update' listeners (DocSync sends
 * only this peer's own), and what this peer writes in answer to it, inside its cleanup, is still sent.
 */
describe('collab: a remote update is not encoded again, a local one made inside it still goes', () => {
  const docs: Y.Doc[] = [];
  afterEach(() => docs.splice(0).forEach((d) => d.destroy()));

  function peer() {
    const doc = new Y.Doc();
    docs.push(doc);
    const inbox: Uint8Array[] = [];
    const outbox: Uint8Array[] = [];
    const remote: SyncLink = { open: true, send: (m) => inbox.push(m) };
    const other: SyncLink = { open: true, send: (m) => outbox.push(m) };
    const sync = new DocSync(doc, new Awareness(doc), undefined, () => [remote, other]);
    sync.received(remote, helloMessage({ fresh: false, seed: 0, inRoomMs: 1 }));
    /** Whether Yjs would encode this transaction's update: what it checks right after afterTransactionCleanup. */
    const encodes: [unknown, boolean][] = [];
    doc.on('afterTransactionCleanup', (tr) => encodes.push([tr.origin, doc._observers.has('update')]));
    return { doc, sync, remote, other, inbox, outbox, encodes };
  }

  function updateFrom(fn: (d: Y.Doc) => void): Uint8Array<ArrayBuffer> {
    const d = new Y.Doc();
    docs.push(d);
    fn(d);
    return updateMessage(Y.encodeStateAsUpdate(d));
  }

  it('applies a peer update with no update encoded for it, then encodes and sends the next local change', () => {
    const p = peer();
    p.sync.received(p.remote, updateFrom((d) => d.getMap('nodes').set('a', 1)));
    assert.equal(p.doc.getMap('nodes').get('a'), 1);
    p.doc.transact(() => p.doc.getMap('nodes').set('b', 2), 'local');
    assert.deepEqual(p.encodes, [[p.remote, false], ['local', true]]);
    assert.equal(p.inbox.length + p.outbox.length, 2, 'the local change, to each link once; nothing echoed');
    const seen = new Y.Doc();
    docs.push(seen);
    receive(p.outbox[0]!, seen, new Awareness(seen), {});
    assert.deepEqual(seen.getMap('nodes').toJSON(), { b: 2 });
  });

  it('sends a change made while a peer update is being cleaned up (a repair), to every link', () => {
    const p = peer();
    const edges = p.doc.getMap('edges');
    p.doc.on('afterTransaction', (tr) => {
      if (tr.origin === p.remote && edges.has('bad')) p.doc.transact(() => edges.delete('bad'), 'repair');
    });
    const bad = updateFrom((d) => d.getMap('edges').set('bad', true));
    p.sync.received(p.remote, bad);
    assert.equal(edges.has('bad'), false);
    assert.deepEqual(p.encodes.map(([, e]) => e), [false, true]);
    assert.equal(p.outbox.length, 1, 'the repair went to the other link');
    assert.equal(p.inbox.length, 1, 'and to the link the update came from');
    // The peer that sent the bad edge gets its deletion.
    const there = new Y.Doc();
    docs.push(there);
    receive(bad, there, new Awareness(there), {});
    receive(p.inbox[0]!, there, new Awareness(there), {});
    assert.equal(there.getMap('edges').has('bad'), false);
  });
});
