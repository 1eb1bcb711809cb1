import assert from 'node:assert/strict';
import { parseDocument, serializeDocument } from '../../core';
import { locateFindings, reviewCanvas } from '../../core/review';
import { apply, brokenDown, byLabel, p, rules } from './reviewFixture';

const SCRIPT = `Title: Two Rooms

EXT. PIER - DAY

ANNA waits by the rail.

ANNA
He is late again.

BEN
The tide turned early.

INT. BOATHOUSE - NIGHT

CLEO
Nobody comes here after dark.
`;

const { script, canvas } = brokenDown(SCRIPT);

describe('core/review: continuity checks', () => {
  it('finds nothing on a canvas the breakdown made from its script', () => {
    assert.deepEqual(reviewCanvas(canvas, script), []);
  });

  it('a character in a shot whom the script does not have in its scene, and the fix that takes them out', () => {
    const shot = byLabel(canvas, 'Shot 01');
    const cleo = byLabel(canvas, 'Cleo');
    let doc = apply(canvas, { type: 'setParams', id: shot.id, params: { characters: [...(p(shot).characters as string[]), 'Cleo'] } });
    doc = apply(doc, { type: 'connect', edge: { id: 'e_cleo1', source: cleo.id, sourcePort: 'character', target: shot.id, targetPort: 'characters' } });
    const found = reviewCanvas(doc, script);
    assert.deepEqual(rules(found), ['character-not-in-scene']);
    assert.match(found[0]!.message, /^Cleo is in "Shot 01 · wide", but the script does not have them in scene 1 \(EXT\. PIER - DAY\)$/);
    assert.equal(found[0]!.fixes[0]!.title, 'Take Cleo out of "Shot 01 · wide"');
    const fixed = apply(doc, found[0]!.fixes[0]!.op);
    assert.deepEqual(reviewCanvas(fixed, script), []);
    assert.ok(!fixed.edges.some((e) => e.id === 'e_cleo1'), 'the edge went with the name');
    assert.deepEqual(reviewCanvas(doc), [], 'without the script, who belongs in a scene is not judged');
  });

  it('dialogue by someone not in the shot, fixed by putting them in it (name and edge)', () => {
    const shot = byLabel(canvas, 'Shot 01');
    const doc = apply(canvas, { type: 'setParams', id: shot.id, params: { dialogue: [{ character: 'Anna', line: 'Late.' }] } });
    const noAnna = apply(doc, { type: 'setParams', id: shot.id, params: { characters: [] } });
    const anna = byLabel(canvas, 'Anna');
    const wired = canvas.edges.filter((e) => e.target === shot.id && e.targetPort === 'characters');
    const bare = apply(noAnna, { type: 'remove', nodeIds: [], edgeIds: wired.map((e) => e.id) });
    const found = reviewCanvas(bare, script);
    assert.deepEqual(rules(found), ['dialogue-not-in-shot']);
    assert.equal(found[0]!.message, 'Anna speaks in "Shot 01 · wide" but is not in it');
    assert.deepEqual(found[0]!.path.slice(2), ['params', 'dialogue', 0, 'character']);
    const fixed = apply(bare, found[0]!.fixes[0]!.op);
    assert.deepEqual(p(fixed.nodes.find((n) => n.id === shot.id)!).characters, ['Anna']);
    assert.ok(fixed.edges.some((e) => e.source === anna.id && e.target === shot.id), 'Anna is wired in');
    assert.deepEqual(reviewCanvas(fixed, script), []);
  });

  it('a scene with no shots (missing coverage), fixed by a wide establishing shot wired to it', () => {
    const scene2 = byLabel(canvas, 'Scene 2');
    const shots = canvas.edges.filter((e) => e.source === scene2.id && e.targetPort === 'scene').map((e) => e.target);
    const doc = apply(canvas, { type: 'remove', nodeIds: shots, edgeIds: [] });
    const found = reviewCanvas(doc, script);
    assert.deepEqual(rules(found), ['scene-without-shots']);
    assert.equal(found[0]!.message, '"Scene 2 · night" has no shots: nothing covers scene 2 (INT. BOATHOUSE - NIGHT)');
    const fixed = apply(doc, found[0]!.fixes[0]!.op);
    const added = fixed.nodes.find((n) => !doc.nodes.some((m) => m.id === n.id))!;
    assert.equal(added.kind, 'shot');
    assert.equal(p(added).framing, 'wide');
    assert.ok(fixed.edges.some((e) => e.source === scene2.id && e.target === added.id && e.targetPort === 'scene'));
    assert.deepEqual(reviewCanvas(fixed, script), []);
  });

  it('a shot too short for its dialogue at the speaker\'s rate, fixed by lengthening it', () => {
    const shot = byLabel(canvas, 'Shot 02');
    const line = 'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen';
    const doc = apply(canvas, { type: 'setParams', id: shot.id, params: { duration: 2, dialogue: [{ character: 'Anna', line }] } });
    const found = reviewCanvas(doc, script);
    assert.deepEqual(rules(found), ['shot-too-short']);
    // 16 words at Anna's rate.
    const rate = p(byLabel(canvas, 'Anna')).rate as number;
    const seconds = 16 / (rate / 60);
    assert.equal(found[0]!.message, `"Shot 02 · over-shoulder" lasts 2 s, but its dialogue takes ${seconds.toFixed(1)} s to say`);
    const fixed = apply(doc, found[0]!.fixes[0]!.op);
    assert.equal(p(fixed.nodes.find((n) => n.id === shot.id)!).duration, Math.ceil(seconds * 2) / 2);
    assert.deepEqual(reviewCanvas(fixed, script), []);
  });

  it('locates each finding at its JSON path in the canonical text', () => {
    const shot = byLabel(canvas, 'Shot 02');
    const doc = apply(canvas, { type: 'setParams', id: shot.id, params: { duration: 0.5, dialogue: [{ character: 'Anna', line: 'a b c d e f' }] } });
    // As the editor and the CLI do: the document read from the text, so paths index the text's order.
    const text = serializeDocument(doc);
    const read = parseDocument(text);
    assert.ok(read.ok);
    const [f] = locateFindings(text, reviewCanvas(read.doc, script));
    const line = text.split('\n')[f!.line - 1]!;
    assert.match(line, /"duration": 0\.5/);
    assert.equal(line.slice(f!.column - 1), '0.5,');
  });
});
