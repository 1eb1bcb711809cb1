import assert from 'node:assert/strict';
import fc from 'fast-check';
import { canonicalJson, canonicalJsonPretty } from '../../core/canonicalJson';
import { jobKey, jobKeyMaterial, type JobKeyParts } from '../../core/jobkey';
import { sha256Text } from '../../runner/hash';

const json = fc.jsonValue().filter((v) => !JSON.stringify(v).includes('"__proto__"'));

function shuffleKeys(v: unknown, rnd: () => number): unknown {
  if (Array.isArray(v)) return v.map((x) => shuffleKeys(x, rnd));
  if (v === null || typeof v !== 'object') return v;
  const keys = Object.keys(v).sort(() => rnd() - 0.5);
  return Object.fromEntries(keys.map((k) => [k, shuffleKeys((v as Record<string, unknown>)[k], rnd)]));
}

describe('runner: canonical JSON and job keys', () => {
  it('canonical text is independent of key order and round-trips to the same value', () => {
    fc.assert(
      fc.property(json, fc.integer(), (v, seed) => {
        let s = seed;
        const rnd = () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
        assert.equal(canonicalJson(shuffleKeys(v, rnd)), canonicalJson(v));
        assert.equal(canonicalJson(JSON.parse(canonicalJson(v))), canonicalJson(v));
        assert.equal(canonicalJsonPretty(JSON.parse(canonicalJsonPretty(v))), canonicalJsonPretty(v));
        // The compact writer (hashed) and the pretty one (committed) differ only in layout.
        const unindented = canonicalJsonPretty(v).replace(/"(?:[^"\\]|\\.)*"|\s+/g, (m) => (m.startsWith('"') ? m : ''));
        assert.equal(canonicalJson(v), unindented.replace(/\n$/, ''));
      }),
    );
  });

  it('sorts integer-like keys as text, drops undefined members, writes -0 as 0, refuses NaN', () => {
    assert.equal(canonicalJson({ b: 1, 10: 'x', 9: 'y', a: undefined, z: -0 }), '{"10":"x","9":"y","b":1,"z":0}');
    assert.throws(() => canonicalJson({ a: [1, Number.NaN] }), /non-finite number NaN at a\[1\]/);
    assert.throws(() => canonicalJson({ d: new Date(0) }), /a Date is not plain JSON at d/);
  });

  const parts: JobKeyParts = {
    pipeline: { id: 'preview.image', version: 1 },
    tier: 'low',
    seed: 7,
    params: { prompt: 'a lamp', shot: { number: 1 } },
    inputs: [
      { name: 'b.png', role: 'keyframe', job: 'a'.repeat(64), output: 'image' },
      { name: 'a.png', role: 'reference:1', sha256: 'b'.repeat(64) },
    ],
  };

  it('the key covers pipeline, version, tier, seed, params and inputs, and nothing else', () => {
    const k = jobKey(parts, sha256Text);
    assert.match(k, /^[0-9a-f]{64}$/);
    assert.equal(jobKey({ ...parts, inputs: [...parts.inputs].reverse(), params: { shot: { number: 1 }, prompt: 'a lamp' } }, sha256Text), k);
    const changed: JobKeyParts[] = [
      { ...parts, pipeline: { id: 'preview.image', version: 2 } },
      { ...parts, pipeline: { id: 'preview.video', version: 1 } },
      { ...parts, tier: 'standard' },
      { ...parts, seed: 8 },
      { ...parts, params: { ...parts.params, prompt: 'a lamp.' } },
      { ...parts, inputs: [parts.inputs[0]!, { name: 'a.png', role: 'reference:1', sha256: 'c'.repeat(64) }] },
      { ...parts, inputs: [{ ...parts.inputs[0]!, job: 'd'.repeat(64) } as JobKeyParts['inputs'][number], parts.inputs[1]!] },
    ];
    for (const c of changed) assert.notEqual(jobKey(c, sha256Text), k, jobKeyMaterial(c));
  });
});
