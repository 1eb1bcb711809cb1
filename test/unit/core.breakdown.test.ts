import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { applyOp, emptyDocument, parseDocument, type BmadDocument, type BmadNode, type Op } from '../../core';
import { breakDown, breakdownToOps } from '../../core/breakdown';

const EXAMPLE = path.resolve(__dirname, '../../examples/last-light-at-gull-point/02_Source_Creative');
const SCRIPT = fs.readFileSync(path.join(EXAMPLE, 'script.fountain'), 'utf8');
const FILE = '02_Source_Creative/script.fountain';

function exampleCanvas(): BmadDocument {
  const r = parseDocument(fs.readFileSync(path.join(EXAMPLE, 'main.bmad'), 'utf8'));
  if (!r.ok) throw new Error('the example canvas does not parse');
  return r.doc;
}

function applyAll(doc: BmadDocument, ops: readonly Op[]): BmadDocument {
  return ops.reduce((d, op) => {
    const r = applyOp(d, op);
    if (!r.ok) throw new Error(`${op.type}: ${r.message}`);
    return r.doc;
  }, doc);
}

const ofKind = (doc: BmadDocument, kind: BmadNode['kind']) => doc.nodes.filter((n) => n.kind === kind);
const params = (n: BmadNode) => n.params as Record<string, unknown>;
/** The canvas a first breakdown of `script` makes from nothing. */
const fresh = (script: string) => applyAll(emptyDocument(), breakdownToOps(breakDown(script), emptyDocument(), FILE).ops);

describe('core/breakdown: the example script', () => {
  const b = breakDown(SCRIPT);
  const canvas = exampleCanvas();

  it('reproduces the example canvas: its scenes, characters and shots', () => {
    const scenes = ofKind(canvas, 'scene').map((n) => params(n)).sort((x, y) => Number(x.number) - Number(y.number));
    assert.deepEqual(b.scenes.map(({ number, heading, timeOfDay, synopsis }) => ({ number, heading, timeOfDay, synopsis })), scenes.map(({ number, heading, timeOfDay, synopsis }) => ({ number, heading, timeOfDay, synopsis })));
    assert.deepEqual(b.characters.map((c) => c.name).sort(), ofKind(canvas, 'character').map((n) => String(params(n).name)).sort());
    const shots = ofKind(canvas, 'shot').map((n) => params(n)).sort((x, y) => Number(x.number) - Number(y.number));
    assert.equal(b.shots.length, 13);
    assert.equal(b.shots.length, shots.length);
    b.shots.forEach((s, k) => {
      const { number, action, framing, camera, duration, characters, dialogue } = s;
      assert.deepEqual({ number, action, framing, camera, duration, characters, dialogue }, shots[k], `shot ${s.number}`);
    });
  });

  it('reads each scene: interior/exterior, location, time of day, who speaks; each character: speeches and where first seen', () => {
    assert.deepEqual(b.scenes.map((s) => [s.setting, s.location, s.timeOfDay, s.speakers.join(',')]), [
      ['EXT', 'HARBOUR WALL BELOW GULL POINT LIGHTHOUSE', 'dusk', 'Orla,Margit,Jonah'],
      ['INT', 'LIGHTHOUSE LANTERN ROOM', 'night', 'Orla,Margit,Jonah'],
      ['EXT', 'HARBOUR WALL BELOW GULL POINT LIGHTHOUSE', 'dawn', 'Orla,Margit,Jonah'],
    ]);
    assert.deepEqual(b.characters.map((c) => [c.name, c.speeches, c.firstScene, c.perScene.map((p) => p.speeches).join('')]), [
      ['Jonah', 3, 1, '111'], ['Margit', 3, 1, '111'], ['Orla', 4, 1, '121'],
    ]);
    const margit = b.characters.find((c) => c.name === 'Margit')!;
    assert.match(margit.description, /MARGIT \(70s\)/);
    assert.equal(margit.voice, 'en-us+f2', 'an older woman: "his grandmother MARGIT (70s)"');
    assert.equal(b.characters.find((c) => c.name === 'Jonah')!.silhouette, 'small', 'a child: "JONAH (10)"');
  });

  it('adopts the example canvas as it is: no node added, removed or changed, only linked', () => {
    const r = breakdownToOps(b, canvas, FILE);
    assert.deepEqual([r.summary.added, r.summary.removed, r.summary.updated, r.summary.adopted], [0, 0, 0, 19]);
    assert.ok(r.ops.every((op) => op.type === 'setParams' && Object.keys(op.params).join() === 'source'));
    const linked = applyAll(canvas, r.ops);
    assert.deepEqual(breakdownToOps(b, linked, FILE).ops, [], 'a second run has nothing to propose');
  });
});

describe('core/breakdown: a re-run after the script changes proposes only the change', () => {
  const before = fresh(SCRIPT);

  it('a first run from an empty canvas builds script → scenes → shots with their characters, and a re-run proposes nothing', () => {
    assert.deepEqual([1, 3, 3, 13], ['script', 'scene', 'character', 'shot'].map((k) => ofKind(before, k as BmadNode['kind']).length));
    const shot5 = ofKind(before, 'shot').find((n) => params(n).number === 5)!;
    const into = before.edges.filter((e) => e.target === shot5.id).map((e) => before.nodes.find((n) => n.id === e.source)!.label).sort();
    assert.deepEqual(into, ['Jonah', 'Margit', 'Orla', 'Scene 2 · night']);
    assert.deepEqual(breakdownToOps(breakDown(SCRIPT), before, FILE).ops, []);
  });

  it('a changed line updates the one shot it is in', () => {
    const edited = SCRIPT.replace("Wind's up to force nine.", "Wind's up to force ten.");
    const r = breakdownToOps(breakDown(edited), before, FILE);
    const shot5 = ofKind(before, 'shot').find((n) => params(n).number === 5)!;
    assert.deepEqual(r.ops.map((op) => [op.type, 'id' in op ? op.id : '']), [['setParams', shot5.id]]);
    const op = r.ops[0] as Extract<Op, { type: 'setParams' }>;
    assert.deepEqual(Object.keys(op.params).sort(), ['dialogue', 'source']);
    assert.match(JSON.stringify(op.params.dialogue), /force ten/);
  });

  it('a scene added at the end adds its scene and coverage shots, and touches nothing else', () => {
    const added = `${SCRIPT}\nINT. HARBOUR OFFICE - DAY\n\nOrla types her report. A phone rings.\n\nORLA\nGull Point stays manned.\n\nMARGIT\nGood.\n`;
    const r = breakdownToOps(breakDown(added), before, FILE);
    assert.deepEqual(r.ops.map((op) => op.type), ['insert']);
    const insert = r.ops[0] as Extract<Op, { type: 'insert' }>;
    assert.deepEqual(insert.nodes.map((n) => n.label), [
      'Scene 4 · day', 'Shot 14 · wide', 'Shot 15 · extreme-close-up', 'Shot 16 · extreme-close-up', 'Shot 17 · over-shoulder', 'Shot 18 · close-up',
    ]);
    assert.deepEqual(insert.nodes.slice(2, 4).map((n) => params(n).action), ['Insert: the report.', 'Insert: the phone.']);
    assert.deepEqual(insert.nodes.slice(1).map((n) => params(n).props), [['report', 'phone'], ['report'], ['phone'], undefined, undefined],
      'the props named in a shot\'s action, and an insert\'s own prop; none on a shot that names none');
    assert.deepEqual(insert.nodes.slice(4).map((n) => params(n).characters), [['Orla', 'Margit'], ['Margit']]);
    assert.equal(r.summary.updated + r.summary.removed, 0);
    applyAll(before, r.ops);
  });

  it('a renamed character is one character out and one in, and only the nodes that name them change', () => {
    const renamed = SCRIPT.replace(/ORLA/g, 'NUALA').replace(/Orla/g, 'Nuala');
    const r = breakdownToOps(breakDown(renamed), before, FILE);
    const orla = ofKind(before, 'character').find((n) => params(n).name === 'Orla')!;
    const naming = before.nodes.filter((n) => n.kind !== 'character' && JSON.stringify(n.params).includes('Orla')).map((n) => n.id).sort();
    assert.deepEqual(r.changes.filter((c) => c.change === 'remove').map((c) => c.id), [orla.id]);
    assert.deepEqual(r.changes.filter((c) => c.change === 'add').map((c) => c.key), ['character:NUALA']);
    assert.deepEqual(r.changes.filter((c) => c.change === 'update').map((c) => c.id).sort(), naming);
    const after = applyAll(before, r.ops);
    assert.deepEqual(breakdownToOps(breakDown(renamed), after, FILE).ops, []);
  });
});

describe('core/breakdown: hand edits survive a re-run', () => {
  it('an edited param is never written again, other params still follow the script; an edited node outlives its scene', () => {
    let canvas = fresh(SCRIPT);
    const shot = (n: number) => ofKind(canvas, 'shot').find((s) => params(s).number === n)!;
    const margit = ofKind(canvas, 'character').find((n) => params(n).name === 'Margit')!;
    canvas = applyAll(canvas, [
      { type: 'setParams', id: shot(5).id, params: { framing: 'close-up' } },
      { type: 'setParams', id: margit.id, params: { voice: 'en-gb-x-rp+f3' } },
      { type: 'setParams', id: shot(13).id, params: { duration: 9 } },
    ]);
    const edited = SCRIPT.replace("Wind's up to force nine.", "Wind's up to force ten.")
      .replace('[[shot 5: wide, static, 7s,', '[[shot 5: medium, pan-left, 7s,')
      .replace(/\n\[\[shot 13:[\s\S]*?for the day\.\n/, '\n');
    const r = breakdownToOps(breakDown(edited), canvas, FILE);
    const after = applyAll(canvas, r.ops);
    const five = params(after.nodes.find((n) => n.id === shot(5).id)!);
    assert.equal(five.framing, 'close-up', 'the hand-picked framing stays');
    assert.equal(five.camera, 'pan-left', 'the script still moves the camera');
    assert.match(JSON.stringify(five.dialogue), /force ten/);
    assert.equal(params(after.nodes.find((n) => n.id === margit.id)!).voice, 'en-gb-x-rp+f3');
    assert.ok(after.nodes.some((n) => n.id === shot(13).id), 'shot 13 is gone from the script but was edited by hand: kept');
    assert.deepEqual(r.changes.find((c) => c.id === shot(13).id)!.handEdited, ['duration']);
    assert.deepEqual(r.changes.find((c) => c.id === shot(5).id)!.handEdited, ['framing']);
    assert.deepEqual(breakdownToOps(breakDown(edited), after, FILE).ops, [], 'and the next run has nothing more to say');
  });
});
