import assert from 'node:assert/strict';
import { applyAwarenessUpdate, Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { PRESENCE_COLOURS, presenceColour } from '../../core';
import { Presence } from '../../webview/collab/presence';

/** A document with a chosen client id, so the colours its awareness picks are known. */
function docWithId(id: number): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = id;
  return doc;
}

/** Two awarenesses whose updates are passed to each other at once, as the provider does over a link. */
function wired(ids: [number, number] = [11, 12]): [Awareness, Awareness] {
  const pair: [Awareness, Awareness] = [new Awareness(docWithId(ids[0])), new Awareness(docWithId(ids[1]))];
  for (const [from, to] of [[pair[0], pair[1]], [pair[1], pair[0]]] as const) {
    from.on('update', (c: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      if (origin !== 'wire') applyAwarenessUpdate(to, encodeAwarenessUpdate(from, [...c.added, ...c.updated, ...c.removed]), 'wire');
    });
  }
  return pair;
}

describe('presence over awareness (webview/collab/presence.ts)', () => {
  let awarenesses: Awareness[] = [];
  afterEach(() => awarenesses.forEach((a) => a.destroy()));

  it("each sees the other's name, colour, selection and editing; a peer that detaches is gone at once", () => {
    const [a, b] = (awarenesses = wired());
    const [ada, ben] = [new Presence(), new Presence()];
    ada.attach(a!, 'Ada');
    ben.attach(b!, 'Ben');
    ada.setSelection(['n1', 'n2']);
    ada.setEditing('n2');
    ada.setPointer({ x: 10, y: -4 });
    assert.deepEqual(ben.view.get().peers, [{ id: a!.clientID, name: 'Ada', colour: presenceColour(a!.clientID), pointer: { x: 10, y: -4 }, selection: ['n1', 'n2'], editing: 'n2' }]);
    assert.deepEqual(ada.view.get().peers.map((p) => p.name), ['Ben']);
    ada.detach();
    assert.deepEqual(ben.view.get().peers, []);
    assert.equal(ada.live, false);
    ben.detach();
  });

  it('two peers whose ids pick the same colour: the later one moves to a colour nobody wears, on both canvases', () => {
    assert.equal(presenceColour(3), presenceColour(11), 'the ids clash');
    const [a, b] = (awarenesses = wired([3, 11]));
    const [ada, ben] = [new Presence(), new Presence()];
    ada.attach(a!, 'Ada');
    ben.attach(b!, 'Ben');
    const adaColour = ben.view.get().peers[0]!.colour;
    const benColour = ada.view.get().peers[0]!.colour;
    assert.equal(adaColour, presenceColour(3), 'the earlier peer keeps its colour');
    assert.notEqual(benColour, adaColour);
    assert.equal(benColour, PRESENCE_COLOURS[(PRESENCE_COLOURS.indexOf(presenceColour(11) as never) + 1) % PRESENCE_COLOURS.length]);
    ada.detach();
    ben.detach();
  });

  it('outside a session nothing is sent, and peers sent by a relay that is not on are ignored', () => {
    const p = new Presence();
    p.setPointer({ x: 1, y: 1 });
    p.setPeers([{ id: 2, name: 'X', colour: '#000000', pointer: null, selection: [], editing: null }]);
    assert.deepEqual(p.view.get().peers, []);
    const sent: string[] = [];
    p.relay('Guest', '#e5484d', (s) => sent.push(`${s.name}:${s.selection.join(',')}`));
    p.setSelection(['n3']);
    assert.deepEqual(sent, ['Guest:', 'Guest:n3']);
    p.detach();
  });
});
