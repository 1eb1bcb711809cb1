import assert from 'node:assert/strict';
import { parseDocument, serializeDocument } from '../../core';

// A canvas saved by the pre-release studio (version 0): no version field, `type`/`title`/`x`/`y`/`data`
// on nodes and `links` of "node:port" strings.
const v0 = JSON.stringify({
  nodes: [
    { id: 'n_style', type: 'style', title: 'Noir', x: 10.6, y: 20, data: { name: 'Noir', prompt: 'high contrast', negativePrompt: '', palette: ['#000000', '#f0f0f0'], grain: 0.4 } },
    { id: 'n_char', type: 'character', title: 'Ines', x: 300, y: 20, data: { name: 'Ines', description: 'a ferry pilot', silhouette: 'tall', colors: ['#225588'], voice: 'en-gb', pitch: 40, rate: 150 } },
  ],
  links: [{ from: 'n_style:style', to: 'n_char:style' }],
});

describe('core: migrations', () => {
  it('opens a version 0 canvas as version 1', () => {
    const r = parseDocument(v0);
    assert.ok(r.ok, r.ok ? '' : JSON.stringify(r.issues));
    assert.equal(r.migratedFrom, 0);
    assert.equal(r.doc.version, 1);
    assert.deepEqual(r.doc.nodes.map((n) => [n.id, n.kind, n.label, n.position]), [
      ['n_style', 'style', 'Noir', { x: 11, y: 20 }],
      ['n_char', 'character', 'Ines', { x: 300, y: 20 }],
    ]);
    assert.deepEqual(r.doc.edges, [{ id: 'e0', source: 'n_style', sourcePort: 'style', target: 'n_char', targetPort: 'style' }]);
    const again = parseDocument(serializeDocument(r.doc));
    assert.ok(again.ok && again.migratedFrom === undefined);
  });

  it('refuses a version newer than it knows, with the reason', () => {
    const r = parseDocument('{\n  "version": 7,\n  "nodes": [],\n  "edges": []\n}\n');
    assert.ok(!r.ok);
    assert.equal(r.issues[0]!.line, 2);
    assert.match(r.issues[0]!.message, /version 7 is newer/);
  });
});
