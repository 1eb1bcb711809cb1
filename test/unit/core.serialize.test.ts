import assert from 'node:assert/strict';
import fc from 'fast-check';
import { emptyDocument, formatIssue, insert, makeNode, move, parseDocument, serializeDocument } from '../../core';
import { documentArb } from './arbitraries';

describe('core: canonical serialization', () => {
  it('parse then serialize of a canonical text is byte-identical (random graphs)', () => {
    fc.assert(
      fc.property(documentArb(), (doc) => {
        const text = serializeDocument(doc);
        const parsed = parseDocument(text);
        assert.ok(parsed.ok, parsed.ok ? '' : parsed.issues.map((i) => formatIssue('x.bmad', i)).join('\n'));
        assert.equal(serializeDocument(parsed.doc), text);
      }),
      { numRuns: 200 },
    );
  });

  it('is independent of node and key order in the input', () => {
    fc.assert(
      fc.property(documentArb(), (doc) => {
        const shuffled = { ...doc, nodes: [...doc.nodes].reverse(), edges: [...doc.edges].reverse() };
        const jsonWithOtherKeyOrder = JSON.stringify(shuffled, (_k, v: unknown) =>
          v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v,
        );
        const parsed = parseDocument(jsonWithOtherKeyOrder);
        assert.ok(parsed.ok);
        assert.equal(serializeDocument(parsed.doc), serializeDocument(doc));
      }),
      { numRuns: 100 },
    );
  });

  it('has two-space indent, integer positions on one line and a trailing newline', () => {
    const a = makeNode('image', { x: 10.4, y: -3.6 });
    const r = insert(emptyDocument(), [a], []);
    assert.ok(r.ok);
    const text = serializeDocument(r.doc);
    assert.ok(text.endsWith('}\n') && !text.endsWith('\n\n'));
    assert.match(text, /\n {6}"position": \{ "x": 10, "y": -4 \},\n/);
    assert.match(text, /\n {8}"seed": 1,\n/, 'params are one per line');
  });

  it('moving one node changes one line of the text', () => {
    fc.assert(
      // Within the canvas: a move beyond POSITION_LIMIT is refused (core.integrity.test.ts).
      fc.property(documentArb(20).filter((d) => d.nodes.length > 0), fc.nat(), fc.integer({ min: -1e8, max: 1e8 }), (doc, which, dx) => {
        const node = doc.nodes[which % doc.nodes.length]!;
        const before = serializeDocument(doc).split('\n');
        const r = move(doc, [{ id: node.id, x: node.position.x + dx, y: node.position.y }]);
        assert.ok(r.ok);
        const after = serializeDocument(r.doc).split('\n');
        assert.equal(after.length, before.length);
        const changed = after.filter((line, i) => line !== before[i]);
        assert.ok(changed.length <= 1, `changed lines: ${changed.join(' | ')}`);
      }),
      { numRuns: 100 },
    );
  });
});
