/**
 * History benchmark: diff of two 5,000-node canvases (budget 100 ms) and a three-way merge of them
 * (budget 200 ms). Each side edits a tenth of the nodes (params, moves, labels), deletes a few and
 * adds a few, the edits of the two sides on different nodes. Medians of several runs; never asserted.
 */
import {
  applyOp, compareView, diffCanvases, diffOps, makeNode, mergeCanvases, parseDocument, parseToWebview, serializeDocument,
  type BmadDocument, type SingleOp,
} from '../core';
import { generateCanvas } from './generate';

const RUNS = 15;
const WARMUP = 3;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function timed(f: () => unknown): number {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
}

function bench(f: () => unknown): number {
  const runs: number[] = [];
  for (let r = 0; r < RUNS + WARMUP; r++) {
    const t = timed(f);
    if (r >= WARMUP) runs.push(t);
  }
  return median(runs);
}

/** A side's edits: every 10th node (from `offset`) changed, every 200th deleted, 20 nodes added. */
function side(base: BmadDocument, offset: number, tag: string): BmadDocument {
  const ops: SingleOp[] = [];
  base.nodes.forEach((n, i) => {
    if ((i + offset) % 200 === 0) ops.push({ type: 'remove', nodeIds: [n.id], edgeIds: [] });
    else if ((i + offset) % 10 === 0) {
      if ('seed' in n.params) ops.push({ type: 'setParams', id: n.id, params: { seed: i + 1000 } });
      ops.push({ type: 'move', moves: [{ id: n.id, x: n.position.x + 32, y: n.position.y }] });
      ops.push({ type: 'rename', id: n.id, label: `${n.label} (${tag})` });
    }
  });
  ops.push({ type: 'insert', nodes: Array.from({ length: 20 }, (_, k) => ({ ...makeNode('shot', { x: k * 280, y: -500 }), id: `${tag}_${k}` })), edges: [] });
  const r = applyOp(base, { type: 'batch', ops });
  if (!r.ok) throw new Error(r.message);
  // Read back from text, as the merge driver gets them: no object is shared between the sides.
  const again = parseDocument(serializeDocument(r.doc));
  if (!again.ok) throw new Error('side did not parse');
  return again.doc;
}

const fresh = (d: BmadDocument): BmadDocument => {
  const r = parseDocument(serializeDocument(d));
  if (!r.ok) throw new Error('base did not parse');
  return r.doc;
};

const base = fresh(generateCanvas(5000));
const ours = side(base, 0, 'o');
const theirs = side(base, 5, 't');

const d = diffCanvases(base, ours);
const diffMs = bench(() => diffCanvases(base, ours));
const opsMs = bench(() => diffOps(d));
const applyMs = bench(() => applyOp(base, diffOps(d)));
const merged = mergeCanvases(base, ours, theirs);
if (merged.conflicts.length) throw new Error(`unexpected conflicts: ${merged.conflicts.length}`);
const mergeMs = bench(() => mergeCanvases(base, ours, theirs));
const conflicted = side(base, 0, 'c');
const conflictMerge = mergeCanvases(base, ours, conflicted);
const conflictMs = bench(() => mergeCanvases(base, ours, conflicted));

// The host's and the wire's part of opening the visual diff: the marked canvas, then the compare
// message as the webview parses it. The webview's drawing of it is not in this figure.
const compareMsg = () => {
  const v = compareView(base, ours);
  const settings = { snapToGrid: true, showMinimap: true };
  return { type: 'compare', file: 'f.bmad', against: 'HEAD', doc: v.doc, settings, marks: v.marks, changes: v.changes, order: v.order };
};
if (!parseToWebview(compareMsg()).ok) throw new Error('the compare message does not parse');
const compareMs = bench(() => compareView(base, ours));
const compareWireMs = bench(() => parseToWebview(JSON.parse(JSON.stringify(compareMsg()))));

const row = (what: string, ms: number, budget?: number) =>
  console.log(`${what.padEnd(58)} ${ms.toFixed(1).padStart(8)} ms${budget ? `   ratio to budget (${budget} ms) ${(ms / budget).toFixed(2)}` : ''}`);
console.log(`history: 5,000-node canvases, ${base.edges.length} edges; each side changes ${d.nodes.length} nodes (median of ${RUNS} runs)`);
row('diff of two canvases', diffMs, 100);
row('  diff → ops', opsMs);
row('  apply the ops (as one batch edit)', applyMs);
row('three-way merge, independent edits (0 conflicts)', mergeMs, 200);
row(`three-way merge, same nodes edited (${conflictMerge.conflicts.length} conflicts)`, conflictMs, 200);
row('compare view (marked canvas with ghosts)', compareMs);
row('  + compare message through JSON and its zod parse', compareWireMs, 1500);
