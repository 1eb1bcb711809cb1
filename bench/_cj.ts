import { performance } from 'node:perf_hooks';
import { PipelineRegistry } from '../runner/pipelines/registry';
import { planCanvas } from '../runner/plan/plan';
import { bigProject, CANVAS } from './status/bigCanvas';
import { canonicalJson } from '../core/canonicalJson';
const quoted = new Map<string, string>();
function q(k: string) { let s = quoted.get(k); if (s === undefined) { s = JSON.stringify(k); if (quoted.size < 10000) quoted.set(k, s); } return s; }
class Bad extends Error {}
function fast(v: unknown): string {
  switch (typeof v) {
    case 'string': return JSON.stringify(v);
    case 'number': if (Number.isFinite(v)) return JSON.stringify(v); throw new Bad();
    case 'boolean': return v ? 'true' : 'false';
    case 'object': {
      if (v === null) return 'null';
      if (Array.isArray(v)) {
        if (v.length === 0) return '[]';
        let out = '[';
        for (let i = 0; i < v.length; i++) { const x = v[i]; if (x === undefined) throw new Bad(); out += (i ? ',' : '') + fast(x); }
        return out + ']';
      }
      const proto = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null) throw new Bad();
      const o = v as Record<string, unknown>;
      const keys = Object.keys(o).sort();
      let out = '{'; let first = true;
      for (const k of keys) { const x = o[k]; if (x === undefined) continue; out += (first ? '' : ',') + q(k) + ':' + fast(x); first = false; }
      return out + '}';
    }
    default: throw new Bad();
  }
}
(async () => {
  const big = await bigProject(5000);
  const registry = PipelineRegistry.load();
  const plan = planCanvas(big.dir, CANVAS, big.doc, { tier: 'standard', pipeline: (k, t) => registry.choose(k, t) });
  const ps = plan.jobs.map((j) => j.params);
  for (let r = 0; r < 5; r++) {
    let t = performance.now(); let n1 = 0; for (const p of ps) n1 += canonicalJson(p).length; const a = performance.now() - t;
    t = performance.now(); let n2 = 0; for (const p of ps) n2 += fast(p).length; const b = performance.now() - t;
    t = performance.now(); let n3 = 0; for (const p of ps) n3 += JSON.stringify(p).length; const c = performance.now() - t;
    console.log(a.toFixed(1), b.toFixed(1), c.toFixed(1), n1 === n2);
  }
  for (const p of ps) if (canonicalJson(p) !== fast(p)) throw new Error('diff');
})();
