import assert from 'node:assert/strict';
import { applyOp, formatIssue, Op, parseDocument, serializeDocument, type BmadDocument } from '../../core';

// A document is never silently changed or misread: each case here was once accepted or misreported.

const valid = `{
  "version": 1,
  "nodes": [
    {
      "id": "n_a",
      "kind": "image",
      "label": "Keyframe",
      "position": { "x": 0, "y": 0 },
      "params": {
        "prompt": "a lighthouse at night",
        "negativePrompt": "",
        "seed": 1,
        "steps": 20,
        "guidance": 5
      }
    }
  ],
  "edges": []
}
`;

function issuesOf(text: string): string[] {
  const r = parseDocument(text);
  assert.ok(!r.ok, 'expected the text to be refused');
  return r.issues.map((i) => formatIssue('main.bmad', i));
}

function docOf(text: string): BmadDocument {
  const r = parseDocument(text);
  assert.ok(r.ok, r.ok ? '' : r.issues.map((i) => formatIssue('main.bmad', i)).join('\n'));
  return r.doc;
}

describe('core: a document is never silently changed or misread', () => {
  it('every problem prints as file:line:col: message, with the JSON path inside the message', () => {
    assert.deepEqual(issuesOf(valid.replace('"seed": 1,', '"seed": 1.5,')), [
      'main.bmad:12:17: nodes[0].params.seed: expected an integer, got 1.5',
    ]);
  });

  it('refuses a duplicate key (JSON.parse would keep the last one) and points at the second', () => {
    const text = valid.replace('"seed": 1,', '"seed": 1,\n        "seed": 7,');
    assert.deepEqual(issuesOf(text), [
      'main.bmad:13:9: nodes[0].params.seed: duplicate key "seed" (first at line 12); one of the values would be lost',
    ]);
  });

  it('refuses a duplicate key at the top level too', () => {
    const text = valid.replace('"edges": []', '"edges": [],\n  "version": 1');
    assert.deepEqual(issuesOf(text), ['main.bmad:19:3: version: duplicate key "version" (first at line 2); one of the values would be lost']);
  });

  it('finds a duplicate key when strings hold colons too, written plainly or escaped', () => {
    const colon = valid.replace('a lighthouse at night', 'INT: lamp room').replace('"seed": 1,', '"seed": 1,\n        "seed": 7,');
    assert.deepEqual(issuesOf(colon), [
      'main.bmad:13:9: nodes[0].params.seed: duplicate key "seed" (first at line 12); one of the values would be lost',
    ]);
    // \u003a reads as a colon in the value but is none in the text.
    const escaped = valid.replace('a lighthouse at night', 'INT\\u003a lamp').replace('"seed": 1,', '"seed": 1,\n        "seed": 7,');
    assert.deepEqual(issuesOf(escaped), [
      'main.bmad:13:9: nodes[0].params.seed: duplicate key "seed" (first at line 12); one of the values would be lost',
    ]);
    assert.ok(parseDocument(valid.replace('a lighthouse at night', 'INT\\u003a lamp: room')).ok);
  });

  it('refuses nesting deeper than any canvas, at the bracket that goes too deep', () => {
    const deep = valid.replace('"negativePrompt": ""', `"negativePrompt": ${'['.repeat(600)}${']'.repeat(600)}`);
    assert.deepEqual(issuesOf(deep), ['main.bmad:11:535: nesting deeper than 512 levels']);
  });

  it('says a Git LFS pointer is one and what to do', () => {
    const pointer = 'version https://git-lfs.github.com/spec/v1\noid sha256:' + 'ab'.repeat(32) + '\nsize 2048\n';
    const [line, ...rest] = issuesOf(pointer);
    assert.deepEqual(rest, []);
    assert.match(line!, /^main\.bmad:1:1: this is a Git LFS pointer to a 2048-byte file, not the canvas itself: run `git lfs pull`/);
  });

  it('says "merge conflict" at each conflict, naming its marker lines', () => {
    const ours = valid.replace('"x": 0, "y": 0', '"x": 16, "y": 0');
    const theirs = valid.replace('"x": 0, "y": 0', '"x": 0, "y": 32');
    const lines = ours.split('\n');
    const at = lines.findIndex((l) => l.includes('"position"'));
    const conflicted = [
      ...lines.slice(0, at),
      '<<<<<<< HEAD',
      lines[at],
      '=======',
      theirs.split('\n')[at],
      '>>>>>>> feature/coast',
      ...lines.slice(at + 1),
    ].join('\n');
    assert.deepEqual(issuesOf(conflicted), [
      'main.bmad:8:1: merge conflict (lines 8-12: <<<<<<< at 8, ======= at 10, >>>>>>> at 12): ' +
        'resolve it as text, keeping the lines you want and removing the markers',
    ]);
  });

  it('refuses a file without a version field instead of guessing an old format', () => {
    const noVersion = JSON.stringify({ nodes: [], links: [] });
    assert.deepEqual(issuesOf(noVersion), ['main.bmad:1:1: no "version" field: this is not a BMAD canvas (a canvas starts with "version": 1)']);
  });

  it('refuses a version newer than it knows, at the version, with the reason', () => {
    assert.deepEqual(issuesOf('{\n  "version": 7,\n  "nodes": [],\n  "edges": []\n}\n'), [
      'main.bmad:2:14: version: version 7 is newer than this studio understands (1); update the extension',
    ]);
  });

  it('an op the schema accepts never leaves the document invalid (move to x = 1e308)', () => {
    const doc = docOf(valid);
    const op = Op.safeParse({ type: 'move', moves: [{ id: 'n_a', x: 1e308, y: 0 }] });
    const applied = op.success ? applyOp(doc, op.data) : undefined;
    if (applied?.ok) docOf(serializeDocument(applied.doc));
    // Refused at the boundary, so the document never held the value.
    assert.equal(op.success, false);
  });

  it('an inserted node far out of range is refused by the op schema, not by the next read of the file', () => {
    const doc = docOf(valid);
    const node = { ...doc.nodes[0]!, id: 'n_far', position: { x: 2 ** 52, y: 0 } };
    const op = Op.safeParse({ type: 'insert', nodes: [node], edges: [] });
    assert.equal(op.success, false);
  });

  it('counts lines as VS Code does: CR, LF and CRLF each end a line', () => {
    const crOnly = valid.replace('"seed": 1,', '"seed": 1.5,').replace(/\n/g, '\r');
    assert.deepEqual(issuesOf(crOnly), ['main.bmad:12:17: nodes[0].params.seed: expected an integer, got 1.5']);
    const crlf = valid.replace('"seed": 1,', '"seed": 1.5,').replace(/\n/g, '\r\n');
    assert.deepEqual(issuesOf(crlf), ['main.bmad:12:17: nodes[0].params.seed: expected an integer, got 1.5']);
  });

  it('points a bad character inside a string at the character itself', () => {
    const text = valid.replace('a lighthouse at night', 'a lighthouse\tat night');
    assert.deepEqual(issuesOf(text), ['main.bmad:10:32: control character U+0009 in a string; write it as \\t']);
    const escape = valid.replace('a lighthouse at night', 'a lighthouse \\q night');
    assert.deepEqual(issuesOf(escape), ['main.bmad:10:33: invalid escape \\q in a string']);
  });
});
