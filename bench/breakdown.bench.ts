/**
 * Script breakdown benchmark; never asserted in tests. A 120-page script (bench/generateScript.ts):
 *  1. parse + breakdown from the text, against the 200 ms budget;
 *  2. a re-run after a one-line change: parse + breakdown + the ops against the canvas the first run
 *     made, against the 50 ms budget; with the cache of the run before (what an editor re-running on
 *     each change keeps) and without it.
 * Medians of several runs.
 */
import { applyOp, emptyDocument, type BmadDocument } from '../core';
import { breakDown, breakdownToOps, createBreakdownCache, type BreakdownCache } from '../core/breakdown';
import { parseFountain } from '../core/fountain';
import { generateScript, LINES_PER_PAGE } from './generateScript';

const RUNS = 15;
const WARMUP = 3;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const FILE = 'script.fountain';

function timed(f: () => void): number {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
}
function medianOf(f: (run: number) => void): number {
  const times: number[] = [];
  for (let r = 0; r < RUNS + WARMUP; r++) {
    const t = timed(() => f(r));
    if (r >= WARMUP) times.push(t);
  }
  return median(times);
}

const script = generateScript(120);
const lines = script.split('\n').length;
const b = breakDown(script);
console.log(`script: ${lines} lines (${(lines / LINES_PER_PAGE).toFixed(0)} pages of ${LINES_PER_PAGE}), ${b.scenes.length} scenes, ${b.characters.length} characters, ${b.shots.length} shots`);

const parse = medianOf(() => parseFountain(script));
const whole = medianOf(() => breakDown(script));
console.log(`1. parse ${parse.toFixed(1)} ms; parse + breakdown ${whole.toFixed(1)} ms; /budget(200 ms) ${(whole / 200).toFixed(2)}`);

const canvas = breakdownToOps(b, emptyDocument(), FILE).ops.reduce<BmadDocument>((d, op) => {
  const r = applyOp(d, op);
  if (!r.ok) throw new Error(r.message);
  return r.doc;
}, emptyDocument());
const at = script.indexOf('The wind is turning.');
const edit = (run: number) => `${script.slice(0, at)}The wind is turning, ${run}.${script.slice(at + 'The wind is turning.'.length)}`;
const rerunWith = (cache?: BreakdownCache) => (run: number) => {
  const ops = breakdownToOps(breakDown(edit(run), cache), canvas, FILE, cache).ops;
  if (ops.length !== 1) throw new Error(`a one-line change made ${ops.length} ops`);
};
const uncached = medianOf(rerunWith());
const cache = createBreakdownCache();
breakdownToOps(breakDown(script, cache), canvas, FILE, cache);
const rerun = medianOf(rerunWith(cache));
console.log(`2. re-run after a one-line change (${canvas.nodes.length}-node canvas): ${rerun.toFixed(1)} ms with the cache of the run before ` +
  `(${uncached.toFixed(1)} ms without; x${(uncached / rerun).toFixed(1)}); /budget(50 ms) ${(rerun / 50).toFixed(2)}`);
