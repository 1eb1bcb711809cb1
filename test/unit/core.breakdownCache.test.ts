import assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyOp, emptyDocument, type BmadDocument, type SingleOp } from '../../core';
import { breakDown, breakdownToOps, createBreakdownCache } from '../../core/breakdown';
import { generateScript } from '../../bench/generateScript';

const FILE = 'script.fountain';
const SCRIPT = generateScript(4);
const LINES = SCRIPT.split('\n');

function canvasOf(script: string): BmadDocument {
  const r = applyOp(emptyDocument(), { type: 'batch', ops: breakdownToOps(breakDown(script), emptyDocument(), FILE).ops as SingleOp[] });
  if (!r.ok) throw new Error(r.message);
  return r.doc;
}

/** One edit of one line: replaced, inserted or deleted; the new text may be a heading, a cue, a note or prose. */
const lineEdit = fc.record({
  at: fc.nat(LINES.length - 1),
  how: fc.constantFrom('replace', 'insert', 'delete'),
  text: fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.constantFrom('', 'INT. NEW ROOM - DAY', 'EXT. HARBOUR - NIGHT', 'MARA', 'ORLA (V.O.)', 'She lifts the lantern.', '[[shot 3 close-up]]', '/*', '*/'),
  ),
});

function applyEdit(lines: string[], e: { at: number; how: string; text: string }): string[] {
  const at = Math.min(e.at, lines.length - 1);
  if (e.how === 'replace') return [...lines.slice(0, at), e.text, ...lines.slice(at + 1)];
  if (e.how === 'insert') return [...lines.slice(0, at), e.text, ...lines.slice(at)];
  return [...lines.slice(0, at), ...lines.slice(at + 1)];
}

describe('core/breakdown: the re-run cache', () => {
  const canvas = canvasOf(SCRIPT);

  it('a one-line change re-run with the cache gives what a run without it gives', () => {
    const cache = createBreakdownCache();
    breakdownToOps(breakDown(SCRIPT, cache), canvas, FILE, cache);
    const edited = SCRIPT.replace('The wind is turning.', 'The wind is turning, fast.');
    assert.notEqual(edited, SCRIPT);
    const cached = breakdownToOps(breakDown(edited, cache), canvas, FILE, cache);
    assert.deepEqual(cached, breakdownToOps(breakDown(edited), canvas, FILE));
    assert.equal(cached.ops.length, 1, 'one shot changes');
  });

  it('any series of line edits: cached and uncached breakdowns and ops are equal', () => {
    fc.assert(fc.property(fc.array(lineEdit, { minLength: 1, maxLength: 6 }), (edits) => {
      const cache = createBreakdownCache();
      breakdownToOps(breakDown(SCRIPT, cache), canvas, FILE, cache);
      let lines = LINES;
      for (const e of edits) {
        lines = applyEdit(lines, e);
        const text = lines.join('\n');
        const withCache = breakDown(text, cache);
        assert.deepEqual(withCache, breakDown(text));
        assert.deepEqual(breakdownToOps(withCache, canvas, FILE, cache), breakdownToOps(breakDown(text), canvas, FILE));
      }
    }), { numRuns: 40 });
  });
});
