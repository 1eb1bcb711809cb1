import assert from 'node:assert/strict';
import * as encoding from 'lib0/encoding';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { helloMessage, PROTOCOL, ProtocolError, receive, syncStep1 } from '../../webview/collab/docMessages';
import { DocSync, type SyncLink } from '../../webview/collab/docSync';
import { deriveRoomKey, encrypt } from '../../webview/collab/roomKey';

/** What a peer of this version gets on a new link, and what it says when the other end is of another version. */
describe('collaboration protocol version on a data channel', () => {
  const hello = { fresh: false, seed: 0, inRoomMs: 5 };
  // Awareness keeps a timer running until it is destroyed.
  const docs: Y.Doc[] = [];
  afterEach(() => docs.splice(0).forEach((d) => d.destroy()));
  const awareness = (doc: Y.Doc) => (docs.push(doc), new Awareness(doc));

  function peer() {
    const doc = new Y.Doc();
    doc.getMap('nodes').set('n1', 'x');
    const sent: Uint8Array[] = [];
    const link: SyncLink = { open: true, send: (m) => sent.push(m) };
    const sync = new DocSync(doc, awareness(doc), undefined, () => [link]);
    return { doc, sync, link, sent };
  }

  it('a hello of this protocol, then a sync step 1: answered with our state', () => {
    const p = peer();
    p.sync.received(p.link, helloMessage(hello));
    p.sync.received(p.link, syncStep1(new Y.Doc()));
    assert.equal(p.sent.length, 1, 'the sync step 2');
    const other = new Y.Doc();
    receive(p.sent[0]!, other, awareness(other), {});
    assert.equal(other.getMap('nodes').get('n1'), 'x');
  });

  it('refuses a peer of the previous protocol (every message sealed with the room key), saying why', async () => {
    const p = peer();
    const sealed = await encrypt(helloMessage(hello), await deriveRoomKey('room-password', 'room'));
    assert.throws(() => p.sync.received(p.link, sealed), (e: unknown) => {
      assert.ok(e instanceof ProtocolError);
      assert.equal(e.message, `the peer speaks another collaboration protocol (its first message is not a hello), this one protocol ${PROTOCOL}: ` +
        'both need the same version of BMAD Movie Director');
      return true;
    });
    assert.deepEqual(p.sent, [], 'nothing answered, nothing applied');
  });

  it('refuses a hello of another protocol number, naming both', () => {
    const p = peer();
    const newer = encoding.encode((e) => {
      encoding.writeVarUint(e, 16);
      encoding.writeVarUint(e, PROTOCOL + 1);
      encoding.writeVarString(e, JSON.stringify(hello));
    });
    assert.throws(() => p.sync.received(p.link, newer), new RegExp(`^ProtocolError: the peer speaks collaboration protocol ${PROTOCOL + 1}, this one protocol ${PROTOCOL}`));
  });

  it('refuses a sync step 1 that comes before any hello', () => {
    const p = peer();
    assert.throws(() => p.sync.received(p.link, syncStep1(new Y.Doc())), ProtocolError);
    assert.deepEqual(p.sent, []);
  });
});
