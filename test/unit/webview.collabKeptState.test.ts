import assert from 'node:assert/strict';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { syncStep2 } from '../../webview/collab/docMessages';
import { DocSync, type SyncLink } from '../../webview/collab/docSync';

/**
 * A joiner that has nothing of the room's canvas is answered from the whole state the room last encoded
 * for its snapshot (DocSync.keepState), plus what changed since: it ends with the room's canvas,
 * deletions since included, and is synced only once it has all of it. A joiner that shares the room's
 * canvas is answered as before, with only what it lacks.
 */
describe('collab: a joiner with none of the canvas is answered from the kept state', () => {
  const docs: Y.Doc[] = [];
  afterEach(() => docs.splice(0).forEach((d) => d.destroy()));

  function doc(fill?: (nodes: Y.Map<Y.Map<unknown>>) => void): Y.Doc {
    const d = new Y.Doc();
    docs.push(d);
    if (fill) d.transact(() => fill(d.getMap('nodes')));
    return d;
  }

  const grid = (nodes: Y.Map<Y.Map<unknown>>) => {
    for (let i = 0; i < 300; i++) {
      const m = new Y.Map<unknown>();
      nodes.set(`n${i}`, m);
      m.set('label', `Shot ${i}`);
      m.set('x', i * 10);
    }
  };

  /** Room and joiner over one link each way, in order; returns what the room sent and when the joiner was synced. */
  function join(room: Y.Doc, roomSync: (links: () => SyncLink[]) => DocSync, joiner: Y.Doc) {
    const toJoiner: Uint8Array[] = [];
    const toRoom: Uint8Array[] = [];
    // Not open while the room is made (its edits then are not sent on it): the joiner is not there yet.
    const atRoom = { open: false, send: (m: Uint8Array) => void toJoiner.push(m) };
    const atJoiner: SyncLink = { open: true, send: (m) => toRoom.push(m) };
    const r = roomSync(() => [atRoom]);
    const j = new DocSync(joiner, new Awareness(joiner), undefined, () => [atJoiner]);
    atRoom.open = true;
    r.opened(atRoom);
    j.opened(atJoiner);
    const sent: Uint8Array[] = [];
    let syncedWith: unknown;
    while (toJoiner.length || toRoom.length) {
      for (const m of toRoom.splice(0)) r.received(atRoom, m);
      for (const m of toJoiner.splice(0)) {
        sent.push(m);
        if (j.received(atJoiner, m) && syncedWith === undefined) syncedWith = joiner.getMap('nodes').toJSON();
      }
    }
    r.destroy();
    j.destroy();
    return { sent, syncedWith };
  }

  it('an empty joiner gets the kept bytes and the changes since, deletions too, and is synced with all of it', () => {
    const room = doc(grid);
    let kept: Uint8Array | undefined;
    const { sent, syncedWith } = join(room, (links) => {
      const s = new DocSync(room, new Awareness(room), undefined, links);
      kept = s.keepState();
      const nodes = room.getMap<Y.Map<unknown>>('nodes');
      room.transact(() => {
        nodes.delete('n3');
        nodes.get('n5')!.set('label', 'after the snapshot');
        nodes.set('late', new Y.Map());
      });
      return s;
    }, doc());
    const joiner = docs.at(-1)!;
    assert.deepEqual(joiner.getMap('nodes').toJSON(), room.getMap('nodes').toJSON());
    assert.equal(joiner.getMap('nodes').has('n3'), false, 'the deletion after the snapshot reached it');
    assert.deepEqual(syncedWith, room.getMap('nodes').toJSON(), 'synced only once it had everything');
    const step2 = Buffer.from(syncStep2(kept!));
    assert.ok(sent.some((m) => Buffer.from(m).equals(step2)), 'the room answered with the kept bytes, not a new encoding');
  });

  it("a joiner of the same canvas gets only what it lacks, not the kept state", () => {
    const room = doc(grid);
    let kept: Uint8Array | undefined;
    const joiner = doc();
    const { sent } = join(room, (links) => {
      const s = new DocSync(room, new Awareness(room), undefined, links);
      kept = s.keepState();
      Y.applyUpdate(joiner, kept);
      room.getMap<Y.Map<unknown>>('nodes').get('n7')!.set('x', -1);
      return s;
    }, joiner);
    assert.equal(joiner.getMap<Y.Map<unknown>>('nodes').get('n7')!.get('x'), -1);
    const bytes = sent.reduce((n, m) => n + m.length, 0);
    assert.ok(bytes < kept!.length / 10, `the room sent ${bytes} bytes, against ${kept!.length} for the whole state`);
  });

  it('a joiner is answered by a new encoding when nothing was kept', () => {
    const room = doc(grid);
    const joiner = doc();
    join(room, (links) => new DocSync(room, new Awareness(room), undefined, links), joiner);
    assert.deepEqual(joiner.getMap('nodes').toJSON(), room.getMap('nodes').toJSON());
  });
});
