import assert from 'node:assert/strict';
import type { BmadDocument } from '../../core';
import { reviewCanvas, type ReviewFinding } from '../../core/review';
import { apply, brokenDown, byLabel, p, rules } from './reviewFixture';

const SCRIPT = `Title: Coat

EXT. PIER - DAY

ANNA waits by the rail with a lantern.

ANNA
He is late again.

BEN
The tide turned early.

INT. BOATHOUSE - NIGHT

ANNA
Nobody comes here after dark.
`;

const { script, canvas } = brokenDown(SCRIPT);
const paramsOf = (doc: BmadDocument, id: string) => p(doc.nodes.find((n) => n.id === id)!);
const set = (doc: BmadDocument, label: string, params: Record<string, unknown>) => apply(doc, { type: 'setParams', id: byLabel(doc, label).id, params });
/** Fixes the only finding, and checks that the canvas is then clean, with the script and without. */
function fixOnly(doc: BmadDocument, found: readonly ReviewFinding[]): BmadDocument {
  assert.equal(found.length, 1, found.map((f) => f.message).join('\n'));
  const fixed = apply(doc, found[0]!.fixes[0]!.op);
  assert.deepEqual(reviewCanvas(fixed, script), []);
  assert.deepEqual(reviewCanvas(fixed), []);
  return fixed;
}

describe('core/review: wardrobe and props continuity', () => {
  it('finds nothing on the canvas the breakdown made, with or without the script', () => {
    assert.deepEqual(p(byLabel(canvas, 'Shot 01')).props, ['lantern']);
    assert.deepEqual(reviewCanvas(canvas, script), []);
    assert.deepEqual(reviewCanvas(canvas), []);
  });

  it('a shot that dresses a character otherwise than an earlier shot of the scene, fixed by matching the earlier one', () => {
    let doc = set(canvas, 'Anna', { wardrobe: 'red wool coat' });
    assert.deepEqual(reviewCanvas(doc, script), [], 'everyone in their usual wardrobe');
    doc = set(doc, 'Shot 03', { wardrobe: [{ character: 'Ben', wardrobe: 'oilskins' }, { character: 'Anna', wardrobe: 'grey suit' }] });
    const found = reviewCanvas(doc, script);
    assert.deepEqual(rules(found), ['wardrobe-break']);
    assert.equal(found[0]!.message, 'Anna wears "grey suit" in "Shot 03 · over-shoulder" but "red wool coat" in "Shot 01 · wide", earlier in scene 1 (EXT. PIER - DAY)');
    assert.deepEqual(found[0]!.path.slice(2), ['params', 'wardrobe', 1, 'wardrobe']);
    assert.equal(found[0]!.fixes[0]!.title, 'Dress Anna in "red wool coat" in "Shot 03 · over-shoulder", as in "Shot 01 · wide"');
    const fixed = fixOnly(doc, found);
    assert.deepEqual(paramsOf(fixed, byLabel(doc, 'Shot 03').id).wardrobe, [{ character: 'Ben', wardrobe: 'oilskins' }, { character: 'Anna', wardrobe: 'red wool coat' }]);
  });

  it('a later shot in the usual wardrobe after an earlier shot said otherwise gets its own entry', () => {
    let doc = set(canvas, 'Anna', { wardrobe: 'red wool coat' });
    doc = set(doc, 'Shot 01', { wardrobe: [{ character: 'ANNA', wardrobe: 'Grey  Suit' }] });
    const found = reviewCanvas(doc, script);
    assert.deepEqual(rules(found), ['wardrobe-break']);
    assert.match(found[0]!.message, /^Anna wears "red wool coat" in "Shot 03 · over-shoulder" but "Grey {2}Suit" in "Shot 01 · wide"/);
    assert.deepEqual(found[0]!.path, ['nodes', doc.nodes.findIndex((n) => n.label.startsWith('Shot 03'))]);
    const fixed = fixOnly(doc, found);
    assert.deepEqual(paramsOf(fixed, byLabel(doc, 'Shot 03').id).wardrobe, [{ character: 'Anna', wardrobe: 'Grey  Suit' }]);
  });

  it('case and spacing are no change of clothes, and a new scene may change them', () => {
    let doc = set(canvas, 'Shot 01', { wardrobe: [{ character: 'Anna', wardrobe: 'red coat' }] });
    doc = set(doc, 'Shot 03', { wardrobe: [{ character: 'Anna', wardrobe: ' Red   COAT' }] });
    const scene2 = byLabel(doc, 'Scene 2');
    const scene2Shot = doc.edges.filter((e) => e.source === scene2.id && e.targetPort === 'scene').map((e) => e.target)
      .find((id) => (paramsOf(doc, id).characters as string[]).includes('Anna'))!;
    doc = apply(doc, { type: 'setParams', id: scene2Shot, params: { wardrobe: [{ character: 'Anna', wardrobe: 'nightgown' }] } });
    assert.deepEqual(reviewCanvas(doc, script), []);
  });

  it('a prop in a shot that the scene\'s action never names, fixed by taking it out of the shot', () => {
    const doc = set(canvas, 'Shot 03', { props: ['umbrella', 'lanterns'] });
    const found = reviewCanvas(doc, script);
    assert.deepEqual(rules(found), ['prop-not-in-scene']);
    assert.equal(found[0]!.message, '"Shot 03 · over-shoulder" shows a umbrella, but the action of scene 1 (EXT. PIER - DAY) never names one');
    assert.deepEqual(found[0]!.path.slice(2), ['params', 'props', 0]);
    assert.deepEqual(rules(reviewCanvas(doc)), ['prop-not-in-scene'], 'without the script, the canvas\'s own action is read');
    const fixed = fixOnly(doc, found);
    assert.deepEqual(paramsOf(fixed, byLabel(doc, 'Shot 03').id).props, ['lanterns']);
  });

  it('a prop the scene\'s action names that no shot lists, fixed by listing it in the shot whose action names it', () => {
    let doc = set(canvas, 'Shot 01', { props: [] });
    doc = set(doc, 'Shot 02', { props: [] });
    const found = reviewCanvas(doc, script);
    assert.deepEqual(rules(found), ['prop-not-covered']);
    assert.equal(found[0]!.message, 'The action of scene 1 (EXT. PIER - DAY) names a lantern, but no shot of it lists one');
    assert.equal(found[0]!.nodeId, byLabel(doc, 'Scene 1').id);
    assert.equal(found[0]!.fixes[0]!.title, 'List the lantern in "Shot 01 · wide"');
    const fixed = fixOnly(doc, found);
    assert.deepEqual(paramsOf(fixed, byLabel(doc, 'Shot 01').id).props, ['lantern']);
  });

  it('a scene whose shots keep no props list is not judged for coverage', () => {
    const bare: BmadDocument = {
      ...canvas,
      nodes: canvas.nodes.map((n) => {
        if (n.kind !== 'shot') return n;
        const { props: _gone, ...params } = n.params;
        return { ...n, params };
      }),
    };
    assert.ok(bare.nodes.every((n) => p(n).props === undefined));
    assert.deepEqual(reviewCanvas(bare, script), []);
  });
});
