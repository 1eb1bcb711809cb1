import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { kindSpec, type NodeKind } from '../../core/nodes';
import { makeEdge, makeNode } from '../../core/ops';
import { validateDocument, type BmadNode } from '../../core/schema';
import { fitViewport } from '../../webview/canvas/fitViewport';
import { flowStart, openingViewport } from '../../webview/canvas/openingViewport';
import { topBand } from '../../webview/canvas/overlays';
import { cardsReadable, FULL_ZOOM } from '../../webview/canvas/zoomBands';

const pane = { width: 1400, height: 900, showMinimap: true };
const example = () => {
  const file = path.join(__dirname, '../../examples/last-light-at-gull-point/02_Source_Creative/main.bmad');
  const r = validateDocument(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!r.ok) throw new Error('the example does not validate');
  return r.doc;
};
const node = (kind: NodeKind, x: number, y: number, params: Record<string, unknown> = {}) => {
  const n = makeNode(kind, { x, y }, `${kind} ${x},${y}`);
  n.params = { ...n.params, ...params };
  return n;
};
const onScreen = (n: BmadNode, v: { x: number; y: number; zoom: number }) => {
  const { width, height } = kindSpec(n.kind).size;
  return { left: n.position.x * v.zoom + v.x, top: n.position.y * v.zoom + v.y, right: (n.position.x + width) * v.zoom + v.x, bottom: (n.position.y + height) * v.zoom + v.y };
};

describe('webview: the viewport a canvas opens at', () => {
  it('is fit view when the cards can be read there', () => {
    const nodes = [node('script', 0, 0), node('scene', 320, 0), node('shot', 640, 0)];
    const v = openingViewport(nodes, [], pane);
    assert.deepEqual(v, fitViewport(nodes, pane.width, pane.height, true));
    assert.ok(cardsReadable(v.zoom));
  });

  it('opens the example film at the script and its first scene, readable, below the widgets', () => {
    const doc = example();
    assert.ok(!cardsReadable(fitViewport(doc.nodes, pane.width, pane.height, true).zoom), 'its fit view is too small to read');
    const v = openingViewport(doc.nodes, doc.edges, pane);
    assert.equal(v.zoom, FULL_ZOOM);
    for (const n of flowStart(doc.nodes, doc.edges)) {
      const r = onScreen(n, v);
      assert.ok(r.left >= 0 && r.top >= topBand(true) && r.right <= pane.width && r.bottom <= pane.height, `${n.label} in view`);
    }
    assert.deepEqual(flowStart(doc.nodes, doc.edges).map((n) => n.kind), ['script', 'scene']);
  });

  it('takes the lowest-numbered scene the script feeds, wherever it is placed', () => {
    const script = node('script', 0, 0);
    const second = node('scene', 320, -400, { number: 2 });
    const first = node('scene', 320, 900, { number: 1 });
    const stray = node('scene', 320, 2000, { number: 1 });
    const start = flowStart([script, second, first, stray], [makeEdge(script.id, 'text', second.id, 'script'), makeEdge(script.id, 'text', first.id, 'script')]);
    assert.deepEqual(start.map((n) => n.id), [script.id, first.id]);
  });

  it('a fit view where only the overview\'s titles could be read is not readable: a small canvas in a small pane opens at its start', () => {
    const nodes = [node('script', 0, 0), node('scene', 320, 0), ...Array.from({ length: 6 }, (_, i) => node('shot', 640 + 320 * i, 0))];
    const small = { width: 1000, height: 600, showMinimap: true };
    assert.ok(!cardsReadable(fitViewport(nodes, small.width, small.height, true).zoom));
    const v = openingViewport(nodes, [], small);
    assert.ok(cardsReadable(v.zoom), `zoom ${v.zoom}`);
  });

  it('without a script or scene, starts at the top-left card', () => {
    const nodes = Array.from({ length: 40 }, (_, i) => node('image', (i % 8) * 900, Math.floor(i / 8) * 900));
    assert.deepEqual(flowStart(nodes, []).map((n) => n.id), [nodes[0]!.id]);
  });

  it('keeps a card above the start out of the band of widgets', () => {
    const far = Array.from({ length: 30 }, (_, i) => node('shot', (i % 6) * 900, 600 + Math.floor(i / 6) * 900));
    const script = node('script', 0, 600), scene = node('scene', 320, 600), note = node('style', 640, 440);
    const nodes = [...far, script, scene, note];
    const v = openingViewport(nodes, [makeEdge(script.id, 'text', scene.id, 'script')], pane);
    assert.ok(onScreen(note, v).top >= topBand(true), 'the style card above the start is below the band');
  });
});
