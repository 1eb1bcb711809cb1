import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  applyOp, decodeUtf8, formatIssue, Op, parseDocument, parseDocumentBytes, serializeDocument,
  type BmadDocument, type ParseResult,
} from '../../core';
import { firstInvalidByte } from '../../core/utf8';
import { documentArb } from './arbitraries';
import { mutate, rawOpArb, textMutationsArb } from './fuzzArbitraries';

// Fuzzing parse, validate and ops (about 11,000 cases here, with the other property tests more):
// nothing throws, an accepted document reads back byte for byte, and no accepted op leaves a
// document that would not read back.

const lineCount = (text: string) => text.split(/\r\n|\r|\n/).length;

/** Whatever the outcome, it is a document or located problems that print as file:line:col: message. */
function assertWellFormed(text: string, r: ParseResult): void {
  if (r.ok) return;
  assert.ok(r.issues.length > 0, 'a refused text has at least one problem');
  const lines = lineCount(text);
  for (const issue of r.issues) {
    assert.ok(issue.message.length > 0);
    assert.ok(Number.isInteger(issue.line) && issue.line >= 1 && issue.line <= lines, `line ${issue.line} of ${lines}`);
    assert.ok(Number.isInteger(issue.column) && issue.column >= 1, `column ${issue.column}`);
    assert.match(formatIssue('f.bmad', issue), /^f\.bmad:\d+:\d+: \S/);
  }
}

/** The text a document has, and that text reads back as a document with the very same text. */
function assertReadsBack(doc: BmadDocument): string {
  const text = serializeDocument(doc);
  const again = parseDocument(text);
  assert.ok(again.ok, again.ok ? '' : again.issues.map((i) => formatIssue('f.bmad', i)).join('\n'));
  assert.equal(serializeDocument(again.doc), text);
  return text;
}

/** A document with up to five raw ops against it. */
const opsOn = (doc: BmadDocument) =>
  fc.tuple(fc.constant(doc), fc.array(rawOpArb(doc), { minLength: 1, maxLength: 5 }));

const anyText = fc.oneof(
  fc.string({ maxLength: 200, unit: 'binary' }),
  fc.json({ maxDepth: 4 }),
  fc.string({ maxLength: 50 }),
);

describe('core: fuzz of parse, validate and ops', () => {
  it('never throws on any text, and locates every problem it reports', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        assertWellFormed(text, parseDocument(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on a damaged canvas, and an accepted one reads back byte for byte', () => {
    fc.assert(
      fc.property(documentArb(6), textMutationsArb, (doc, mutations) => {
        const text = mutate(serializeDocument(doc), mutations);
        const r = parseDocument(text);
        assertWellFormed(text, r);
        if (r.ok) assertReadsBack(r.doc);
      }),
      { numRuns: 3000 },
    );
  });

  it('refuses every duplicated key, wherever it is, and points at the repeat', () => {
    fc.assert(
      fc.property(documentArb(5).filter((d) => d.nodes.length > 0), fc.nat(), (doc, pick) => {
        const lines = serializeDocument(doc).split('\n');
        // A member line of an object with more members after it: repeating it repeats its key.
        const members = lines.flatMap((l, i) => (/^\s*"[^"]+": [^{[]*,$/.test(l) ? [i] : []));
        const at = members[pick % members.length]!;
        const key = /"([^"]+)"/.exec(lines[at]!)![1]!;
        lines.splice(at + 1, 0, lines[at]!);
        const r = parseDocument(lines.join('\n'));
        assert.ok(!r.ok, `a repeated "${key}" was accepted`);
        const dup = r.issues.find((i) => i.message.startsWith(`duplicate key "${key}"`));
        assert.ok(dup, r.issues.map((i) => i.message).join('; '));
        assert.equal(dup.line, at + 2);
      }),
      { numRuns: 1000 },
    );
  });

  it('an op the schema accepts never throws and never leaves a document that would not read back', () => {
    fc.assert(
      fc.property(
        documentArb(8).chain(opsOn),
        ([start, raws]) => {
          let doc = start;
          for (const raw of raws) {
            const op = Op.safeParse(raw);
            if (!op.success) continue;
            const before = serializeDocument(structuredClone(doc));
            const r = applyOp(doc, op.data);
            // Ops are pure: the document they were given is unchanged, so cached node texts stay true.
            assert.equal(serializeDocument(structuredClone(doc)), before);
            if (!r.ok) {
              assert.ok(r.message.length > 0);
              continue;
            }
            const text = assertReadsBack(r.doc);
            // The incremental writer gives the text a from-scratch write gives.
            assert.equal(serializeDocument(structuredClone(r.doc)), text);
            doc = r.doc;
          }
        },
      ),
      { numRuns: 4000 },
    );
  });

  it('reads bytes as UTF-8 only: refuses exactly what a strict decoder refuses, at the first bad byte', () => {
    const strict = new TextDecoder('utf-8', { fatal: true });
    const byteEdit = fc.record({ at: fc.nat(), byte: fc.integer({ min: 0x80, max: 0xff }) });
    const byteEdits = fc.array(byteEdit, { maxLength: 3 });
    fc.assert(
      fc.property(documentArb(3), byteEdits, (doc, edits) => {
        const bytes = new TextEncoder().encode(serializeDocument(doc));
        for (const e of edits) bytes[e.at % bytes.length] = e.byte;
        let valid = true;
        try {
          strict.decode(bytes);
        } catch {
          valid = false;
        }
        const bad = firstInvalidByte(bytes);
        assert.equal(bad === -1, valid);
        assert.equal(decodeUtf8(bytes).ok, valid);
        const r = parseDocumentBytes(bytes);
        if (valid) return;
        assert.ok(!r.ok);
        assert.equal(r.issues.length, 1);
        assert.match(r.issues[0]!.message, /^not valid UTF-8/);
        // Everything before the bad byte is UTF-8, and the location is where that prefix ends.
        const before = strict.decode(bytes.subarray(0, bad));
        assert.equal(r.issues[0]!.line, lineCount(before));
        assert.equal(r.issues[0]!.column, before.length - Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')));
      }),
      { numRuns: 1000 },
    );
  });
});
