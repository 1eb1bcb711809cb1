import assert from 'node:assert/strict';
import { dialogueText, sameSpeaker } from '../../core/dialogue';
import { makeEdge, makeNode, nodeFrom, type BmadNode } from '../../core';
import { spokenLines } from '../../webview/canvas/nodes/spokenLines';

/** What a dialogue audio node says: one rule for the planner and for the card. */
describe('dialogue: what an audio node says', () => {
  const lines = [
    { character: 'Mara', line: 'Light it.' },
    { character: 'Tom', line: 'Now?' },
    { character: ' mara ', line: ' Now. ' },
  ];

  it('its own text wins; otherwise its speaker\'s lines in the shot, in order, names matched loosely', () => {
    assert.deepEqual(dialogueText('  Hold it.  ', lines, 'Mara'), { text: 'Hold it.', lineIndex: 0 });
    assert.deepEqual(dialogueText('', lines, 'MARA'), { text: 'Light it. Now.', lineIndex: 0 });
    assert.deepEqual(dialogueText('', lines, 'Tom'), { text: 'Now?', lineIndex: 1 });
    assert.deepEqual(dialogueText('', lines, undefined), { text: '', lineIndex: 3 }, 'no speaker: nothing of the shot\'s');
    assert.deepEqual(dialogueText('', lines, 'Wren'), { text: '', lineIndex: 3 });
    assert.ok(sameSpeaker(' Mara', 'mara ') && !sameSpeaker('Mara', 'Marat'));
  });

  it('every dialogue card\'s line in one pass: speaker and shot from its inputs; music has none', () => {
    const node = (kind: BmadNode['kind'], id: string, params: Record<string, unknown>): BmadNode => {
      const n = makeNode(kind, { x: 0, y: 0 }, id);
      return nodeFrom({ ...n, id, params: { ...n.params, ...params } });
    };
    const shot = node('shot', 'shot', { dialogue: lines });
    const mara = node('character', 'mara', { name: 'Mara' });
    const said = node('audio', 'said', { mode: 'dialogue', text: '' });
    const own = node('audio', 'own', { mode: 'dialogue', text: 'My own words.' });
    const music = node('audio', 'music', { mode: 'music', text: 'strings' });
    const nodes = new Map([shot, mara, said, own, music].map((n) => [n.id, n]));
    const edges = [makeEdge('shot', 'shot', 'said', 'shot'), makeEdge('mara', 'character', 'said', 'character'), makeEdge('shot', 'shot', 'own', 'shot')];
    const first = spokenLines(nodes, edges);
    assert.deepEqual(Object.fromEntries(first), {
      said: { speaker: 'Mara', text: 'Light it. Now.' },
      own: { speaker: undefined, text: 'My own words.' },
    });
    const again = spokenLines(nodes, edges, first);
    assert.equal(again.get('said'), first.get('said'), 'an unchanged line keeps its object (the card does not re-render)');
    const renamed = spokenLines(new Map(nodes).set('mara', nodeFrom({ ...mara, params: { ...mara.params, name: 'Tom' } })), edges, first);
    assert.deepEqual(renamed.get('said'), { speaker: 'Tom', text: 'Now?' });
  });
});
