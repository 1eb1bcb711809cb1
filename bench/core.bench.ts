/**
 * Core benchmark. Prints medians of several runs; never asserted in tests.
 *  1. Reading a canvas cold (a file opened or changed outside the canvas): parse + validate, then the
 *     first serialize, against the 50 ms budget for 5,000 nodes.
 *  2. A gesture on an open 5,000-node canvas: the session keeps the document it wrote (no parse), so
 *     a gesture costs the op and the incremental serialize of what it changed.
 *  3. Locating schema problems: time per problem stays flat as their number grows (linear).
 */
import { applyOp, emptyDocument, insert, makeNode, parseDocument, serializeDocument, type BmadDocument } from '../core';
import { generateCanvas } from './generate';

const RUNS = 15;
const WARMUP = 2;
const BUDGET_MS = 50;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number, width = 8) => `${x.toFixed(1).padStart(width)} ms`;

function timed<T>(f: () => T): [T, number] {
  const t0 = performance.now();
  const value = f();
  return [value, performance.now() - t0];
}

/** A fresh copy, so the serializer has written none of its nodes: what a cold write costs. */
function parsed(text: string): BmadDocument {
  const r = parseDocument(text);
  if (!r.ok) throw new Error('generated canvas did not parse');
  return r.doc;
}

console.log('1. cold: parse + validate, then the first serialize (median of %d runs)', RUNS);
console.log('nodes   edges   bytes      parse+validate  serialize     total   total/budget(50ms)');
for (const n of [100, 1000, 5000]) {
  const doc = generateCanvas(n);
  const text = serializeDocument(doc);
  const parse: number[] = [];
  const write: number[] = [];
  for (let r = 0; r < RUNS + WARMUP; r++) {
    const [fresh, p] = timed(() => parsed(text));
    const [again, w] = timed(() => serializeDocument(fresh));
    if (again !== text) throw new Error('round trip changed the text');
    if (r >= WARMUP) {
      parse.push(p);
      write.push(w);
    }
  }
  const [p, w] = [median(parse), median(write)];
  const sizes = `${String(n).padEnd(7)} ${String(doc.edges.length).padEnd(7)} ${String(text.length).padEnd(10)}`;
  console.log(`${sizes} ${ms(p, 9)} ${ms(w)} ${ms(p + w)}   ${((p + w) / BUDGET_MS).toFixed(2)}`);
}

console.log('\n2. a gesture on an open 5,000-node canvas: move one node, write the new text (median of %d runs)', RUNS);
{
  let doc = parsed(serializeDocument(generateCanvas(5000)));
  serializeDocument(doc);
  const op: number[] = [];
  const write: number[] = [];
  for (let r = 0; r < RUNS + WARMUP; r++) {
    const node = doc.nodes[(r * 997) % doc.nodes.length]!;
    const move = { id: node.id, x: node.position.x + 16, y: node.position.y };
    const [next, o] = timed(() => applyOp(doc, { type: 'move', moves: [move] }));
    if (!next.ok) throw new Error(next.message);
    const [, w] = timed(() => serializeDocument(next.doc));
    doc = next.doc;
    if (r >= WARMUP) {
      op.push(o);
      write.push(w);
    }
  }
  const [o, w] = [median(op), median(write)];
  const ratio = ((o + w) / BUDGET_MS).toFixed(2);
  console.log(`op ${ms(o)}   serialize ${ms(w)}   total ${ms(o + w)}   total/budget(50ms) ${ratio}`);
}

console.log('\n3. locating schema problems (one per node; median of 5 runs)');
console.log('problems   bytes       parse + locate   per problem');
for (const n of [1000, 4000, 16000]) {
  const nodes = Array.from({ length: n }, (_, i) => makeNode('script', { x: i * 16, y: 0 }, `Script ${i}`));
  const r = insert(emptyDocument(), nodes, []);
  if (!r.ok) throw new Error(r.message);
  // A position that is not an integer: one located problem per node.
  const text = serializeDocument(r.doc).replace(/"x": (-?\d+)/g, '"x": $1.5');
  const runs: number[] = [];
  for (let k = 0; k < 6; k++) {
    const [result, t] = timed(() => parseDocument(text));
    if (result.ok || result.issues.length !== n) throw new Error(`expected ${n} problems`);
    if (k > 0) runs.push(t);
  }
  const t = median(runs);
  const each = ((t * 1000) / n).toFixed(1).padStart(7);
  console.log(`${String(n).padEnd(10)} ${String(text.length).padEnd(11)} ${ms(t, 11)}   ${each} µs`);
}
