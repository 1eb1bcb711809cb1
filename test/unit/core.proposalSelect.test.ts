import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { applyOp, emptyDocument, type BmadDocument, type Op, type SingleOp } from '../../core';
import { acceptPick, breakDown, breakdownToOps, narrowProposal, rejectPick, Proposal, touchedIds } from '../../core/breakdown';

const SCRIPT = fs.readFileSync(path.resolve(__dirname, '../../examples/last-light-at-gull-point/02_Source_Creative/script.fountain'), 'utf8');
const FILE = '02_Source_Creative/script.fountain';

function applyAll(doc: BmadDocument, ops: readonly Op[]): BmadDocument {
  const r = applyOp(doc, { type: 'batch', ops: ops as SingleOp[] });
  if (!r.ok) throw new Error(r.message);
  return r.doc;
}

const first = breakdownToOps(breakDown(SCRIPT), emptyDocument(), FILE).ops as SingleOp[];
const whole = applyAll(emptyDocument(), first);
const byLabel = (label: string) => whole.nodes.find((n) => n.label === label)!.id;
const ids = (doc: BmadDocument) => doc.nodes.map((n) => n.id).sort();
const edgesOf = (doc: BmadDocument) => doc.edges.map((e) => e.id).sort();

describe('core/breakdown: accepting and rejecting part of a proposal', () => {
  it('accepting one new shot adds that shot alone: its edges wait for the proposed nodes at their other ends', () => {
    const shot = byLabel('Shot 05 · wide');
    const { picked, rest } = acceptPick(first, emptyDocument(), { nodes: [shot], edges: [] });
    const after = applyAll(emptyDocument(), picked);
    assert.deepEqual(ids(after), [shot]);
    assert.deepEqual(after.edges, []);
    assert.deepEqual(ids(applyAll(after, rest)), ids(whole), 'the rest still applies on top, and makes the whole');
    assert.deepEqual(edgesOf(applyAll(after, rest)), edgesOf(whole));
  });

  it('accepting an edge accepts the new nodes at both its ends', () => {
    const scene = byLabel('Scene 2 · night');
    const shot = byLabel('Shot 05 · wide');
    const edge = whole.edges.find((e) => e.source === scene && e.target === shot)!;
    const after = applyAll(emptyDocument(), acceptPick(first, emptyDocument(), { nodes: [], edges: [edge.id] }).picked);
    assert.deepEqual(ids(after), [scene, shot].sort());
    assert.deepEqual(edgesOf(after), [edge.id]);
  });

  it('a node accepted after its neighbour brings the edge between them', () => {
    const scene = byLabel('Scene 2 · night');
    const shot = byLabel('Shot 05 · wide');
    const one = acceptPick(first, emptyDocument(), { nodes: [scene], edges: [] });
    const canvas = applyAll(emptyDocument(), one.picked);
    const two = acceptPick(one.rest, canvas, { nodes: [shot], edges: [] });
    const after = applyAll(canvas, two.picked);
    assert.deepEqual(after.edges.map((e) => [e.source, e.target]), [[scene, shot]]);
  });

  it('rejecting a node drops it and every edge of the proposal that touches it; the rest applies without it', () => {
    const orla = whole.nodes.find((n) => n.kind === 'character' && n.label === 'Orla')!.id;
    const { picked, rest } = rejectPick(first, emptyDocument(), { nodes: [orla], edges: [] });
    assert.ok(picked.length > 0);
    const after = applyAll(emptyDocument(), rest);
    assert.ok(!after.nodes.some((n) => n.id === orla));
    assert.ok(!after.edges.some((e) => e.source === orla || e.target === orla));
    assert.equal(after.nodes.length, whole.nodes.length - 1);
    assert.ok(!touchedIds(rest).has(orla));
  });

  it('a changed node is accepted alone, and rejecting a removal keeps the node and its edges', () => {
    const renamed = SCRIPT.replace(/ORLA/g, 'NUALA').replace(/Orla/g, 'Nuala');
    const r = breakdownToOps(breakDown(renamed), whole, FILE);
    const ops = r.ops as SingleOp[];
    const updated = r.changes.find((c) => c.change === 'update')!.id;
    const accepted = applyAll(whole, acceptPick(ops, whole, { nodes: [updated], edges: [] }).picked);
    const changedIds = whole.nodes.filter((n) => JSON.stringify(n) !== JSON.stringify(accepted.nodes.find((m) => m.id === n.id))).map((n) => n.id);
    assert.deepEqual(changedIds, [updated]);

    const orla = r.changes.find((c) => c.change === 'remove')!.id;
    const kept = applyAll(whole, rejectPick(ops, whole, { nodes: [orla], edges: [] }).rest);
    assert.ok(kept.nodes.some((n) => n.id === orla));
    assert.deepEqual(kept.edges.filter((e) => e.source === orla).map((e) => e.id).sort(),
      whole.edges.filter((e) => e.source === orla).map((e) => e.id).sort());
  });

  it('any pick, accepted then the rest, applies and gives what the whole proposal gives', () => {
    const nodeIds = whole.nodes.map((n) => n.id);
    const edgeIds = whole.edges.map((e) => e.id);
    fc.assert(fc.property(fc.subarray(nodeIds), fc.subarray(edgeIds), (nodes, edges) => {
      const { picked, rest } = acceptPick(first, emptyDocument(), { nodes, edges });
      const part = applyAll(emptyDocument(), picked);
      const all = applyAll(part, rest);
      assert.deepEqual([ids(all), edgesOf(all)], [ids(whole), edgesOf(whole)]);
      const left = applyAll(emptyDocument(), rejectPick(first, emptyDocument(), { nodes, edges }).rest);
      for (const e of left.edges) assert.ok(!nodes.includes(e.source) && !nodes.includes(e.target), 'no edge to a rejected node');
    }), { numRuns: 60 });
  });

  it('the proposal left after a decision counts what is left', () => {
    const shot = byLabel('Shot 05 · wide');
    const r = breakdownToOps(breakDown(SCRIPT), emptyDocument(), FILE);
    const p = Proposal.parse({
      version: 1, by: 'bmad breakdown', canvas: 'main.bmad', canvasSha256: '0'.repeat(64), script: 'script.fountain',
      scriptSha256: '1'.repeat(64), summary: r.summary, changes: r.changes, ops: r.ops,
    });
    const { rest } = acceptPick(first, emptyDocument(), { nodes: [shot], edges: [] });
    const left = narrowProposal(p, rest, 'a'.repeat(64));
    assert.equal(left.summary.added, p.summary.added - 1);
    assert.equal(left.summary.edgesAdded, p.summary.edgesAdded);
    assert.ok(!left.changes.some((c) => c.id === shot));
    assert.equal(left.canvasSha256, 'a'.repeat(64));
    Proposal.parse(left);
  });
});
