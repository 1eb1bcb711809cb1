import assert from 'node:assert/strict';
import {
  insert, makeEdge, makeNode, mergeCanvases, parseDocument, readMergeState, resolveConflicts, serializeDocument,
  unresolvedConflicts, type BmadDocument, type MergeState, type Op,
} from '../../core';
import { applied, baseCanvas } from './canvasEdits';


const base = baseCanvas;
const set = (d: BmadDocument, id: string, params: Record<string, unknown>) => applied(d, { type: 'setParams', id, params });
const params = (d: BmadDocument, id: string) => d.nodes.find((n) => n.id === id)?.params as Record<string, unknown> | undefined;

/** A conflicted canvas as our driver writes it, read back the way the editor reads it. */
function driverState(b: BmadDocument, ours: BmadDocument, theirs: BmadDocument): MergeState {
  const read = readMergeState(serializeDocument(mergeCanvases(b, ours, theirs).doc));
  assert.ok(read.ok && read.state);
  return read.state;
}

/** What git writes without our driver: the canonical texts of both sides, differing lines in blocks. */
function withMarkers(ours: BmadDocument, theirs: BmadDocument): string {
  const [o, t] = [serializeDocument(ours).split('\n'), serializeDocument(theirs).split('\n')];
  const out: string[] = [];
  let i = 0;
  while (i < o.length) {
    if (o[i] === t[i]) out.push(o[i++]!);
    else {
      out.push('<<<<<<< HEAD', o[i]!, '=======', t[i]!, '>>>>>>> other');
      i++;
    }
  }
  return out.join('\n');
}

describe('core resolveConflicts: the merge view\'s choices become a canvas', () => {
  it('a param conflict resolved to theirs writes theirs\' value and no conflicts field', () => {
    const b = base();
    const state = driverState(b, set(b, 'n_shot1', { duration: 6 }), set(b, 'n_shot1', { duration: 9 }));
    assert.equal(state.source, 'driver');
    assert.equal(state.conflicts.length, 1);
    assert.equal(params(state.doc, 'n_shot1')!.duration, 6);
    const r = resolveConflicts(state, new Map([[0, 'theirs']]));
    assert.ok(r.ok);
    const text = serializeDocument(r.value.doc);
    const back = parseDocument(text);
    assert.ok(back.ok);
    assert.equal(back.doc.conflicts, undefined);
    assert.doesNotMatch(text, /conflicts/);
    assert.equal(params(back.doc, 'n_shot1')!.duration, 9);
  });

  it('a conflict without a choice stays in the file whole, the chosen one is gone', () => {
    const b = base();
    const ours = set(set(b, 'n_shot1', { duration: 6 }), 'n_shot2', { duration: 7 });
    const theirs = set(set(b, 'n_shot1', { duration: 9 }), 'n_shot2', { duration: 8 });
    const state = driverState(b, ours, theirs);
    assert.equal(state.conflicts.length, 2);
    const r = resolveConflicts(state, new Map([[1, 'theirs']]));
    assert.ok(r.ok);
    assert.deepEqual(r.value.doc.conflicts, [state.conflicts[0]]);
    assert.equal(params(r.value.doc, 'n_shot2')!.duration, 8);
    assert.equal(params(r.value.doc, 'n_shot1')!.duration, 6);
  });

  it('delete versus change: choosing the deleting side removes the node and its edges', () => {
    const b = base();
    const ours = applied(b, { type: 'remove', nodeIds: ['n_shot2'], edgeIds: [] });
    const theirs = set(b, 'n_shot2', { duration: 9 });
    const state = driverState(b, ours, theirs);
    const nodeConflict = state.conflicts.findIndex((c) => c.on === 'node');
    assert.ok(nodeConflict >= 0, JSON.stringify(state.conflicts));
    const all = (side: 'ours' | 'theirs') => new Map(state.conflicts.map((_, i) => [i, side] as const));
    const deleted = resolveConflicts(state, all('ours'));
    assert.ok(deleted.ok);
    assert.equal(params(deleted.value.doc, 'n_shot2'), undefined);
    assert.ok(!deleted.value.doc.edges.some((e) => e.target === 'n_shot2'));
    const kept = resolveConflicts(state, all('theirs'));
    assert.ok(kept.ok);
    assert.equal(params(kept.value.doc, 'n_shot2')!.duration, 9);
    assert.ok(kept.value.doc.edges.some((e) => e.id === 'e_s2'), 'the kept node keeps its edge');
    assert.equal(kept.value.doc.conflicts, undefined);
  });

  it('an edge conflict on a single input: choosing theirs replaces the edge ours put there', () => {
    let b = base();
    for (const id of ['n_scene2', 'n_scene3']) b = applied(b, { type: 'insert', nodes: [{ ...makeNode('scene', { x: 0, y: 600 }), id }], edges: [] });
    const refill = (from: string, id: string): Op => ({
      type: 'batch',
      ops: [{ type: 'remove', nodeIds: [], edgeIds: ['e_s1'] }, { type: 'connect', edge: { ...makeEdge(from, 'scene', 'n_shot1', 'scene'), id } }],
    });
    const state = driverState(b, applied(b, refill('n_scene2', 'e_ours')), applied(b, refill('n_scene3', 'e_theirs')));
    assert.deepEqual(state.conflicts.map((c) => c.on), ['edge']);
    const into = (d: BmadDocument) => d.edges.filter((e) => e.target === 'n_shot1').map((e) => e.id);
    assert.deepEqual(into(state.doc), ['e_ours']);
    const theirs = resolveConflicts(state, new Map([[0, 'theirs']]));
    assert.ok(theirs.ok, !theirs.ok ? theirs.message : '');
    assert.deepEqual(into(theirs.value.doc), ['e_theirs']);
    assert.deepEqual(theirs.value.notes, ['edge e_ours was replaced by e_theirs on the same input']);
    const ours = resolveConflicts(state, new Map([[0, 'ours']]));
    assert.ok(ours.ok);
    assert.deepEqual(into(ours.value.doc), ['e_ours']);
    assert.equal(ours.value.doc.conflicts, undefined);
  });

  it('a file with plain git markers reads as a merge state holding both sides, ours on the canvas', () => {
    const b = base();
    const text = withMarkers(set(b, 'n_shot1', { duration: 6 }), set(b, 'n_shot1', { duration: 9 }));
    assert.ok(!parseDocument(text).ok, 'the marked text is not a canvas by itself');
    const read = readMergeState(text);
    assert.ok(read.ok && read.state);
    assert.equal(read.state.source, 'markers');
    assert.equal(params(read.state.doc, 'n_shot1')!.duration, 6);
    const theirsValues = JSON.stringify(read.state.conflicts.map((c) => c.theirs));
    assert.match(theirsValues, /"duration":9/, 'theirs\' value is kept in the conflicts');
    const r = resolveConflicts(read.state, new Map(read.state.conflicts.map((_, i) => [i, 'theirs'] as const)));
    assert.ok(r.ok);
    assert.equal(params(r.value.doc, 'n_shot1')!.duration, 9);
    assert.ok(parseDocument(serializeDocument(r.value.doc)).ok);
  });

  it('a canvas with nothing to resolve has no merge state; broken markers give located issues', () => {
    const read = readMergeState(serializeDocument(base()));
    assert.deepEqual(read, { ok: true, state: undefined });
    const broken = readMergeState('{\n<<<<<<< HEAD\n"version": 1,\n');
    assert.ok(!broken.ok);
    assert.equal(broken.issues[0]!.line, 2);
  });

  it('an unresolved conflict is located at its entry for render and status', () => {
    const b = base();
    const text = serializeDocument(mergeCanvases(b, set(b, 'n_shot1', { duration: 6 }), set(b, 'n_shot1', { duration: 9 })).doc);
    const parsed = parseDocument(text);
    assert.ok(parsed.ok);
    const [issue] = unresolvedConflicts(text, parsed.doc);
    const line = text.split('\n').findIndex((l) => l.includes('"on": "param"'));
    assert.equal(issue!.line, line, 'the line of the entry\'s opening brace');
    assert.match(issue!.message, /unresolved merge conflict \(n_shot1 params\.duration: base 4, ours 6, theirs 9\)/);
  });
});
