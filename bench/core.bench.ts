/**
 * Core benchmark: parse + validate + serialize of generated canvases. Prints medians of several runs
 * and the ratio to the 50 ms budget the canvas needs for 5,000 nodes. Never asserted in tests.
 */
import { parseDocument, serializeDocument } from '../core';
import { generateCanvas } from './generate';

const RUNS = 15;
const BUDGET_MS = 50;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

console.log('core: parse + validate + serialize (median of %d runs)', RUNS);
console.log('nodes   edges   bytes      parse+validate  serialize  total    total/budget(50ms)');
for (const n of [100, 1000, 5000]) {
  const doc = generateCanvas(n);
  const text = serializeDocument(doc);
  const parse: number[] = [];
  const write: number[] = [];
  for (let r = 0; r < RUNS + 2; r++) {
    const t0 = performance.now();
    const parsed = parseDocument(text);
    const t1 = performance.now();
    if (!parsed.ok) throw new Error('generated canvas did not parse');
    const again = serializeDocument(parsed.doc);
    const t2 = performance.now();
    if (again !== text) throw new Error('round trip changed the text');
    if (r >= 2) {
      parse.push(t1 - t0);
      write.push(t2 - t1);
    }
  }
  const p = median(parse);
  const w = median(write);
  console.log(
    `${String(n).padEnd(7)} ${String(doc.edges.length).padEnd(7)} ${String(text.length).padEnd(10)} ${p.toFixed(1).padStart(9)} ms ${w.toFixed(1).padStart(8)} ms ${(p + w).toFixed(1).padStart(6)} ms   ${((p + w) / BUDGET_MS).toFixed(2)}`,
  );
}
