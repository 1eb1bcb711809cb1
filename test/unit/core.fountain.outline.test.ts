import assert from 'node:assert/strict';
import { fountainOutline, parseFountain, type OutlineItem } from '../../core/fountain';

const tree = (items: readonly OutlineItem[]): unknown[] =>
  items.map((i) => (i.children.length ? { [`${i.kind} ${i.name}${i.detail ? ` #${i.detail}` : ''}`]: tree(i.children) } : `${i.kind} ${i.name}${i.detail ? ` #${i.detail}` : ''}`));

describe('core/fountain: the outline', () => {
  it('nests scenes under sections, and sections by depth; a shallower section closes deeper ones', () => {
    const text = [
      'Title: T', '', 'INT. HALL - DAY', '', 'Cold.', '',
      '# Act One', '', '## Arrival', '', 'EXT. GATE - NIGHT #3#', '', 'Rain.', '',
      '### Aside', '', '.FLASHBACK', '', 'Sun.', '',
      '# Act Two', '', 'INT. HALL - NIGHT', '', 'Dark.', '',
    ].join('\n');
    const outline = fountainOutline(parseFountain(text));
    assert.deepEqual(tree(outline), [
      'scene INT. HALL - DAY',
      { 'section Act One': [{ 'section Arrival': ['scene EXT. GATE - NIGHT #3', { 'section Aside': ['scene FLASHBACK'] }] }] },
      { 'section Act Two': ['scene INT. HALL - NIGHT'] },
    ]);
    const lines = text.split('\n');
    const gate = (outline[1]!.children[0]!.children[0]!);
    assert.equal(lines[gate.start.line - 1], 'EXT. GATE - NIGHT #3#');
    assert.equal(lines[gate.end.line - 1], 'Rain.', 'a scene runs to its last element, not into the next section');
    assert.equal(lines[outline[1]!.end.line - 1], 'Sun.', 'a section holds what is nested in it');
  });

  it('is empty for a script with no scenes or sections', () => {
    assert.deepEqual(fountainOutline(parseFountain('Just action.\n')), []);
  });
});
