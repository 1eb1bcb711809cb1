import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatIssue, parseDocument, serializeDocument } from '../../core';
import { documentArb } from './arbitraries';

const sample = `{
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
        "seed": 1.5,
        "steps": 20,
        "guidance": 5
      }
    }
  ],
  "edges": []
}
`;

describe('core: parse errors are located', () => {
  it('names file, line, column and JSON path of a schema error', () => {
    const r = parseDocument(sample);
    assert.ok(!r.ok);
    assert.deepEqual(r.issues.map((i) => formatIssue('main.bmad', i)), ['main.bmad:12:17: nodes[0].params.seed: expected an integer, got 1.5']);
  });

  it('locates a syntax error', () => {
    const r = parseDocument(sample.replace('"steps": 20,', '"steps": 20'));
    assert.ok(!r.ok);
    assert.equal(formatIssue('main.bmad', r.issues[0]!), `main.bmad:14:9: expected ',' or '}', found '"'`);
  });

  it('points an unknown key at the key itself', () => {
    const r = parseDocument(sample.replace('"seed": 1.5', '"seed": 1, "sead": 2'));
    assert.ok(!r.ok);
    assert.equal(formatIssue('main.bmad', r.issues[0]!), 'main.bmad:12:20: nodes[0].params: unknown key "sead"');
  });

  it('names both ends of a wrong-typed edge', () => {
    const doc = {
      version: 1,
      nodes: [
        { id: 'n_c', kind: 'character', label: 'Mara', position: { x: 0, y: 0 }, params: { name: 'Mara', description: '', silhouette: 'slim', colors: ['#aa3311'], voice: 'en-us', pitch: 50, rate: 160 } },
        { id: 'n_v', kind: 'video', label: 'Clip', position: { x: 300, y: 0 }, params: { prompt: '', seed: 1, motion: 0.5 } },
      ],
      edges: [{ id: 'e_1', source: 'n_c', sourcePort: 'character', target: 'n_v', targetPort: 'image' }],
    };
    const r = parseDocument(JSON.stringify(doc, null, 2));
    assert.ok(!r.ok);
    assert.match(r.issues[0]!.message, /^cannot connect the character output of "Mara" to the image input "Keyframe" of "Clip"$/);
    assert.deepEqual(r.issues[0]!.path, ['edges', 0, 'targetPort']);
  });

  it('rejects a cycle', () => {
    const node = (id: string) => ({ id, kind: 'style', label: id, position: { x: 0, y: 0 }, params: { name: 's', prompt: '', negativePrompt: '', palette: ['#000000', '#ffffff'], grain: 0 } });
    const shot = (id: string) => ({ id, kind: 'shot', label: id, position: { x: 0, y: 0 }, params: { number: 1, action: '', framing: 'wide', camera: 'static', duration: 2, characters: [], dialogue: [] } });
    // shot.shot (text) -> scene? scenes take text from the script port; build scene <-> shot through text ports.
    const scene = (id: string) => ({ id, kind: 'scene', label: id, position: { x: 0, y: 0 }, params: { number: 1, heading: 'X', timeOfDay: 'day', synopsis: '' } });
    const doc = {
      version: 1,
      nodes: [node('n_s'), scene('n_a'), shot('n_b')],
      edges: [
        { id: 'e_1', source: 'n_a', sourcePort: 'scene', target: 'n_b', targetPort: 'scene' },
        { id: 'e_2', source: 'n_b', sourcePort: 'shot', target: 'n_a', targetPort: 'script' },
      ],
    };
    const r = parseDocument(JSON.stringify(doc));
    assert.ok(!r.ok);
    assert.match(r.issues[0]!.message, /cycle/);
  });

  it('never throws on random byte mutations of a valid file, and locates every error', () => {
    fc.assert(
      fc.property(
        documentArb(8),
        fc.array(fc.record({ at: fc.nat(), op: fc.constantFrom('replace', 'delete', 'insert'), byte: fc.integer({ min: 0, max: 255 }) }), { minLength: 1, maxLength: 8 }),
        (doc, mutations) => {
          const bytes = [...Buffer.from(serializeDocument(doc), 'utf8')];
          for (const m of mutations) {
            const at = m.at % (bytes.length + 1);
            if (m.op === 'replace' && at < bytes.length) bytes[at] = m.byte;
            else if (m.op === 'delete') bytes.splice(at, 1);
            else bytes.splice(at, 0, m.byte);
          }
          const text = Buffer.from(bytes).toString('utf8');
          const r = parseDocument(text);
          if (r.ok) return;
          assert.ok(r.issues.length > 0);
          const lines = text.split('\n').length;
          for (const issue of r.issues) {
            assert.ok(issue.message.length > 0);
            assert.ok(issue.line >= 1 && issue.line <= lines, `line ${issue.line} of ${lines}`);
            assert.ok(issue.column >= 1);
            assert.match(formatIssue('m.bmad', issue), /^m\.bmad:\d+:\d+: /);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('gives a located error for text that is not a document at all', () => {
    for (const text of ['', '   ', 'null', '[]', '42', '{}', '{"version": 2, "nodes": [], "edges": []}', '['.repeat(100000)]) {
      const r = parseDocument(text);
      assert.ok(!r.ok, text.slice(0, 20));
      assert.ok(r.issues[0]!.line >= 1, text.slice(0, 20));
    }
  });
});
