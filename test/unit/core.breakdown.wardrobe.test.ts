import assert from 'node:assert/strict';
import { applyOp, emptyDocument, type BmadDocument, type Op } from '../../core';
import { breakDown, breakdownToOps } from '../../core/breakdown';
import { reviewCanvas } from '../../core/review';

const script = (intro: string) => `Title: Coat

EXT. PIER - DAY

${intro}

ANNA
He is late again.

BEN
The tide turned early.
`;
function apply(doc: BmadDocument, op: Op): BmadDocument {
  const r = applyOp(doc, op);
  if (!r.ok) throw new Error(`${op.type}: ${r.message}`);
  return r.doc;
}
const wardrobes = (intro: string) => Object.fromEntries(breakDown(script(intro)).characters.map((c) => [c.name, c.wardrobe]));

describe('core/breakdown: a character\'s wardrobe from their introduction', () => {
  it('takes the garment put on the name, and nothing said less plainly', () => {
    assert.deepEqual(wardrobes('ANNA, in a red wool coat, waits by the rail. BEN (40s) wearing his grey suit joins her.'), { Anna: 'red wool coat', Ben: 'grey suit' });
    assert.deepEqual(wardrobes('ANNA waits for BEN in a grey suit.'), { Anna: undefined, Ben: 'grey suit' });
    assert.deepEqual(wardrobes('ANNA waits in a hurry. BEN runs.'), { Anna: undefined, Ben: undefined });
  });

  it('fills the character node\'s wardrobe, which the review then holds shots to', () => {
    const b = breakDown(script('ANNA, in a red wool coat, waits by the rail.'));
    const doc = breakdownToOps(b, emptyDocument(), 'script.fountain').ops.reduce(apply, emptyDocument());
    const anna = doc.nodes.find((n) => n.label === 'Anna')!;
    assert.equal((anna.params as { wardrobe?: string }).wardrobe, 'red wool coat');
    assert.ok(!('wardrobe' in doc.nodes.find((n) => n.label === 'Ben')!.params), 'no wardrobe param where the script says none');
    assert.deepEqual(reviewCanvas(doc, b), []);
    const withAnna = doc.nodes.filter((n) => n.kind === 'shot' && (n.params as { characters: string[] }).characters.includes('Anna'));
    assert.ok(withAnna.length >= 2);
    const shot = withAnna.at(-1)!;
    const changed = apply(doc, { type: 'setParams', id: shot.id, params: { wardrobe: [{ character: 'Anna', wardrobe: 'yellow oilskin' }] } });
    assert.deepEqual(reviewCanvas(changed, b).map((f) => f.rule), ['wardrobe-break']);
  });
});
