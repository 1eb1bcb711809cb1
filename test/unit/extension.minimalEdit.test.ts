import assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyOp, serializeDocument, type Op } from '../../core';
import { applyReplace, minimalEdit } from '../../extension/minimalEdit';
import { documentArb } from './arbitraries';

describe('extension/minimalEdit', () => {
  it('gives nothing for equal texts', () => {
    assert.equal(minimalEdit('abc', 'abc'), undefined);
    assert.equal(minimalEdit('', ''), undefined);
  });

  it('replaces only the differing middle', () => {
    assert.deepEqual(minimalEdit('{ "x": 10, "y": 20 }', '{ "x": 12, "y": 20 }'), { start: 8, end: 9, text: '2' });
    assert.deepEqual(minimalEdit('abc', 'abXc'), { start: 2, end: 2, text: 'X' });
    assert.deepEqual(minimalEdit('abXc', 'abc'), { start: 2, end: 3, text: '' });
    assert.deepEqual(minimalEdit('', 'new'), { start: 0, end: 0, text: 'new' });
    assert.deepEqual(minimalEdit('old', ''), { start: 0, end: 3, text: '' });
  });

  it('does not let prefix and suffix overlap on repeated text', () => {
    // "aaa" → "aaaa": the common prefix is 3 and the suffix must not reuse those characters.
    const r = minimalEdit('aaa', 'aaaa');
    assert.deepEqual(r, { start: 3, end: 3, text: 'a' });
    assert.equal(applyReplace('aaa', r), 'aaaa');
  });

  it('never splits a surrogate pair', () => {
    // 😀 and 😃 share their high surrogate; an edit between the halves would be snapped by VS Code.
    const old = 'label: 😀!';
    const next = 'label: 😃!';
    const r = minimalEdit(old, next)!;
    assert.equal(r.start, 7);
    assert.equal(r.end, 9);
    assert.equal(r.text, '😃');
    // U+10400 (d801 dc00) and U+1F400 (d83d dc00) share their low surrogate: the suffix must not take it.
    const a = 'x\u{10400}y';
    const b = 'x\u{1F400}y';
    const s = minimalEdit(a, b)!;
    assert.equal(applyReplace(a, s), b);
    assert.equal(s.start, 1);
    assert.equal(s.end, 3, 'the edit covers the whole pair, not just its high half');
  });

  it('turns any text into any other (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (a, b) => {
        const r = minimalEdit(a, b);
        assert.equal(applyReplace(a, r), b);
        if (r) assert.ok(r.start <= r.end && r.end <= a.length);
      }),
    );
  });

  it('touches one line when a node moves in a canonical document (property)', () => {
    fc.assert(
      fc.property(documentArb(), fc.nat(), fc.integer({ min: -5000, max: 5000 }), (doc, pick, dx) => {
        fc.pre(doc.nodes.length > 0 && dx !== 0);
        const node = doc.nodes[pick % doc.nodes.length]!;
        const op: Op = { type: 'move', moves: [{ id: node.id, x: node.position.x + dx, y: node.position.y }] };
        const r = applyOp(doc, op);
        assert.ok(r.ok);
        const old = serializeDocument(doc);
        const edit = minimalEdit(old, serializeDocument(r.doc))!;
        assert.ok(!old.slice(edit.start, edit.end).includes('\n'), 'the replaced range stays inside one line');
        assert.ok(!edit.text.includes('\n'));
      }),
      { numRuns: 200 },
    );
  });
});
