import assert from 'node:assert/strict';
import { connect, emptyDocument, insert, makeEdge, makeNode, nodeLabel, nodeName, NodeNames, nodeTitle, parseDocument, portPhrase, serializeDocument, type BmadNode } from '../../core';
import { NODE_KINDS } from '../../core/nodes';

/** One way to name a node to a person: by label, with the id only where the label does not say which. */
describe('core: node names', () => {
  const node = (id: string, kind: BmadNode['kind'], label: string): BmadNode => ({ ...makeNode(kind, { x: 0, y: 0 }, label), id });

  it('a node is called by its label, or by its kind when it has none', () => {
    assert.equal(nodeLabel(node('n1', 'video', 'Shot 3 · clip')), 'Shot 3 · clip');
    assert.equal(nodeLabel(node('n1', 'video', '   ')), 'Video');
    assert.equal(nodeTitle(node('n1', 'image', 'Keyframe 1')), 'Image Keyframe 1');
    assert.equal(nodeTitle(node('n1', 'image', '')), 'Image');
  });

  it('among its canvas, the id is added only when another node shows the same name', () => {
    const a = node('n_a', 'video', 'Clip');
    const b = node('n_b', 'video', 'Clip');
    const c = node('n_c', 'edit', 'Cut');
    const d = node('n_d', 'image', '');
    const e = node('n_e', 'image', 'Image');
    const names = new NodeNames([a, b, c, d, e]);
    assert.equal(names.of(c), '"Cut"');
    assert.equal(names.of(a), '"Clip" (n_a)');
    assert.equal(names.of(b), '"Clip" (n_b)');
    assert.equal(names.of(d), '"Image" (n_d)', 'an unlabeled image reads "Image", like a labeled one');
    assert.equal(nodeName(c, [a, c]), '"Cut"');
    assert.equal(nodeName(c), '"Cut" (n_c)', 'without its canvas (the engine, the log) the id is always there');
  });

  it('a port is named by its type, and by its card label when that says more', () => {
    assert.equal(portPhrase(NODE_KINDS.video.outputs[0]!, 'output'), 'the video output');
    assert.equal(portPhrase(NODE_KINDS.video.inputs.find((p) => p.id === 'image')!, 'input'), 'the image input "Keyframe"');
    assert.equal(portPhrase(NODE_KINDS.shot.inputs.find((p) => p.id === 'characters')!, 'input'), 'the character input');
  });

  it('the wrong-port message names both nodes by label, with ids only for a label two nodes share', () => {
    const clip = node('n_v', 'video', 'Shot 3 · clip');
    const cut = node('n_e', 'edit', 'Edit');
    const r = insert(emptyDocument(), [clip, cut, node('n_o', 'output', 'Film')], []);
    assert.ok(r.ok);
    const bad = connect(r.doc, makeEdge('n_v', 'video', 'n_o', 'clip'));
    assert.ok(!bad.ok);
    assert.equal(bad.message, 'cannot connect the video output of "Shot 3 · clip" to the clip input "Cut" of "Film"');
    const twins = insert(r.doc, [node('n_o2', 'output', 'Film')], []);
    assert.ok(twins.ok);
    const ambiguous = connect(twins.doc, makeEdge('n_v', 'video', 'n_o2', 'clip'));
    assert.ok(!ambiguous.ok);
    assert.equal(ambiguous.message, 'cannot connect the video output of "Shot 3 · clip" to the clip input "Cut" of "Film" (n_o2)');
  });

  it('a second edge into a single input and a cycle are refused by label', () => {
    const a = node('n_a', 'image', 'Key A');
    const b = node('n_b', 'image', 'Key B');
    const v = node('n_v', 'video', 'Clip');
    const r = insert(emptyDocument(), [a, b, v], [makeEdge('n_a', 'image', 'n_v', 'image')]);
    assert.ok(r.ok);
    const twice = connect(r.doc, makeEdge('n_b', 'image', 'n_v', 'image'));
    assert.ok(!twice.ok);
    assert.equal(twice.message, 'the image input "Keyframe" of "Clip" already has an edge; disconnect it first');
  });

  it('parse errors in a file name nodes the same way', () => {
    const r = insert(emptyDocument(), [node('n_s', 'shot', 'Shot 1'), node('n_i', 'image', 'Keyframe')], []);
    assert.ok(r.ok);
    const text = serializeDocument({ ...r.doc, edges: [{ id: 'e1', source: 'n_s', sourcePort: 'shot', target: 'n_i', targetPort: 'style' }] });
    const parsed = parseDocument(text);
    assert.ok(!parsed.ok);
    assert.equal(parsed.issues[0]!.message, 'cannot connect the text output "Shot" of "Shot 1" to the style input of "Keyframe"');
  });
});
