import assert from 'node:assert/strict';
import { distinctColour, initials, peersOf, presenceColour, PRESENCE_COLOURS, type PresenceState } from '../../core';

const state = (name: string): PresenceState => ({ name, colour: '#0090ff', pointer: { x: 1, y: 2 }, selection: ['n1'], editing: null });

describe('presence (core/presence.ts)', () => {
  it('a peer keeps its colour, and the palette is used across ids', () => {
    assert.equal(presenceColour(123456789), presenceColour(123456789));
    assert.equal(new Set(Array.from({ length: 64 }, (_, i) => presenceColour(i * 7919))).size, PRESENCE_COLOURS.length);
  });

  it('initials: first and last word, or the first two letters of one', () => {
    assert.equal(initials('Ada Lovelace'), 'AL');
    assert.equal(initials('  jean  luc   godard '), 'JG');
    assert.equal(initials('ben'), 'BE');
  });

  it('peers: valid states of others only, by id; a malformed one is left out', () => {
    const peers = peersOf([[9, state('Nine')], [1, state('Me')], [4, state('Four')], [5, { ...state('Bad'), colour: 'blue' }], [6, null]], 1);
    assert.deepEqual(peers.map((p) => [p.id, p.name]), [[4, 'Four'], [9, 'Nine']]);
  });

  it('distinct colours: only a peer whose colour a lower id wears moves, to the first colour from its own pick that nobody wears', () => {
    const [c0, c1, c2, c3] = PRESENCE_COLOURS;
    const peer = (id: number, colour: string) => ({ id, ...state(`P${id}`), colour });
    assert.equal(distinctColour(9, c1, [peer(4, c2)]), c1, 'no clash');
    assert.equal(distinctColour(1, c1, [peer(9, c1)]), c1, 'the higher id moves, not this one');
    // Own pick for id 8 is c0: c0 and c1 are worn, so c2; c3 is worn by a later peer, which is fine.
    assert.equal(distinctColour(8, c0, [peer(2, c0), peer(3, c1), peer(12, c3)]), c2);
  });
});
