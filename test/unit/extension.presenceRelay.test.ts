import assert from 'node:assert/strict';
import type { PeerPresence, PresenceState } from '../../core';
import { PRESENCE_NOTIFICATION, PresenceRelay, type RelayChannel } from '../../extension/collab/presenceRelay';

/**
 * The Live Share presence relay's logic, peers wired as Live Share wires a shared service: a guest's
 * notify reaches only the host, the host's reaches every guest (delivered at once, in order). This is
 * not Live Share: the real service is not available here, so liveShare.ts is untested against it.
 */
class Session {
  private readonly handlers = new Map<number, (args: object) => void>();
  readonly seen = new Map<number, Map<string, PeerPresence[]>>();
  readonly problems: string[] = [];
  private readonly relays = new Map<number, PresenceRelay>();

  join(peer: number): PresenceRelay {
    const role = peer === 1 ? 'host' : 'guest';
    const channel: RelayChannel = {
      notify: (name, args) => {
        assert.equal(name, PRESENCE_NOTIFICATION);
        // Through JSON, as it travels.
        const copy = JSON.parse(JSON.stringify(args)) as object;
        for (const [to, h] of this.handlers) if (to !== peer && (role === 'guest' ? to === 1 : true)) h(copy);
      },
      onNotify: (name, handler) => {
        assert.equal(name, PRESENCE_NOTIFICATION);
        this.handlers.set(peer, handler);
      },
    };
    const seen = new Map<string, PeerPresence[]>();
    this.seen.set(peer, seen);
    const relay = new PresenceRelay(role, peer, channel, { peers: (c, p) => seen.set(c, p), invalid: (m) => this.problems.push(m) });
    this.relays.set(peer, relay);
    this.relays.get(1)?.peerJoined();
    return relay;
  }

  leave(peer: number): void {
    this.relays.get(peer)?.dispose();
    this.handlers.delete(peer);
    this.relays.delete(peer);
    for (const r of this.relays.values()) r.peerLeft(peer);
  }

  /** Names on `canvas` as `peer` sees them. */
  names(peer: number, canvas: string): string[] {
    return (this.seen.get(peer)?.get(canvas) ?? []).map((p) => p.name);
  }

  raw(to: number, args: object): void {
    this.handlers.get(to)?.(args);
  }
}

const state = (name: string, o: Partial<PresenceState> = {}): PresenceState =>
  ({ name, colour: '#e5484d', pointer: null, selection: [], editing: null, ...o });

describe('Live Share presence relay (extension/collab/presenceRelay.ts)', () => {
  it("every peer sees every other peer's state on the same canvas, and only that canvas", () => {
    const s = new Session();
    const host = s.join(1);
    const ada = s.join(2);
    const ben = s.join(3);
    host.local('a.bmad', state('Host', { selection: ['n1'] }));
    ada.local('a.bmad', state('Ada', { pointer: { x: 10, y: 20 } }));
    ben.local('b.bmad', state('Ben', { editing: 'n2' }));
    assert.deepEqual(s.names(1, 'a.bmad'), ['Ada']);
    assert.deepEqual(s.names(2, 'a.bmad'), ['Host']);
    assert.deepEqual(s.names(3, 'a.bmad'), ['Host', 'Ada']);
    assert.deepEqual(s.names(2, 'b.bmad'), ['Ben']);
    assert.deepEqual(s.names(3, 'b.bmad'), []);
    assert.deepEqual(s.seen.get(3)!.get('a.bmad')![1]!.pointer, { x: 10, y: 20 }, "Ada's pointer reaches Ben through the host");
  });

  it('a guest who joins late gets the states there are; a peer who leaves is gone for everyone', () => {
    const s = new Session();
    const host = s.join(1);
    const ada = s.join(2);
    host.local('a.bmad', state('Host'));
    ada.local('a.bmad', state('Ada'));
    s.join(3);
    assert.deepEqual(s.names(3, 'a.bmad'), ['Host', 'Ada']);
    s.leave(2);
    assert.deepEqual(s.names(3, 'a.bmad'), ['Host']);
    assert.deepEqual(s.names(1, 'a.bmad'), []);
  });

  it('closing a canvas (null) removes the marks; a bad notification is dropped with where it is wrong', () => {
    const s = new Session();
    const host = s.join(1);
    const ada = s.join(2);
    ada.local('a.bmad', state('Ada'));
    assert.deepEqual(s.names(1, 'a.bmad'), ['Ada']);
    ada.local('a.bmad', null);
    assert.deepEqual(s.names(1, 'a.bmad'), []);
    s.raw(1, { canvas: 'a.bmad', peer: 2, state: { ...state('Ada'), colour: 'red' } });
    assert.deepEqual(s.names(1, 'a.bmad'), []);
    assert.match(s.problems[0] ?? '', /state\.colour: expected a #rrggbb colour/);
    host.dispose();
    s.raw(1, { canvas: 'a.bmad', peer: 2, state: state('Ada') });
    assert.deepEqual(s.names(1, 'a.bmad'), [], 'a relay that ended shows nothing');
  });
});
