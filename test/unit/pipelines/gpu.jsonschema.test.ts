import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { z } from 'zod';
import { JobSpec } from '../../../core/contract';
import { AudioParams, ImageParams, VideoParams } from '../../../core/previewParams';
import { contractJson, gpuParamsSchema } from '../../../pipelines/gpuSchemas';
import { LoraTrainingParams } from '../../../pipelines/lora/params';
import { ada, imageParams, tomas } from '../../integration/pipelines/fixtures';
import { dialogueParams, loraParams, musicParams, videoParams } from '../../integration/pipelines/gpuParams';

/**
 * The Python contract layer checks params with its own JSON Schema checker (bmad_pipeline/jsonschema.py,
 * no third-party packages). It must accept exactly what zod accepts: every value below — valid params
 * and each one-field mutation of them — gets the same verdict from both.
 */
const COMMON = path.resolve(__dirname, '../../../pipelines/common');
const CHECK = `
import json, sys
sys.path.insert(0, sys.argv[1])
from bmad_pipeline import jsonschema
case = json.load(sys.stdin)
jsonschema.check_schema(case["schema"])
print(json.dumps([not jsonschema.errors(case["schema"], v) for v in case["values"]]))
`;

function pythonVerdicts(schema: unknown, values: unknown[]): boolean[] {
  const out = execFileSync('python3', ['-c', CHECK, COMMON], { input: JSON.stringify({ schema, values }), encoding: 'utf8' });
  return JSON.parse(out) as boolean[];
}

const REPLACEMENTS: unknown[] = [null, 'x', '', 1.5, -3, 0, true, [], {}, '#12345g'];

/** The value and, for every field down to depth 3, copies with that field replaced, removed or an extra one added. */
function mutations(value: unknown, depth = 0): unknown[] {
  const out: unknown[] = [value];
  if (depth > 3 || value === null || typeof value !== 'object') return out;
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      for (const m of mutations(item, depth + 1).slice(1)) out.push(value.map((v, j) => (j === i ? m : v)));
    });
    out.push([], [...value, ...value.slice(0, 1)]);
    return out;
  }
  const obj = value as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    for (const r of REPLACEMENTS) out.push({ ...obj, [key]: r });
    const { [key]: _dropped, ...rest } = obj;
    out.push(rest);
    for (const m of mutations(obj[key], depth + 1).slice(1)) out.push({ ...obj, [key]: m });
  }
  out.push({ ...obj, extra: 1 });
  return out;
}

const cases: [string, z.ZodType, unknown, unknown[]][] = [
  ['ImageParams', ImageParams, gpuParamsSchema('image'), [imageParams(), imageParams({ shot: null, scene: null, characters: [ada, tomas] })]],
  ['VideoParams', VideoParams, gpuParamsSchema('video'), [videoParams(), videoParams({ framing: null })]],
  ['AudioParams', AudioParams, gpuParamsSchema('audio'), [dialogueParams, musicParams]],
  ['LoraTrainingParams', LoraTrainingParams, gpuParamsSchema('training'), [loraParams()]],
];

describe('bmad_pipeline/jsonschema.py agrees with zod', () => {
  for (const [name, zod, schema, valid] of cases) {
    it(`${name}: the same verdict on valid params and every one-field mutation`, () => {
      const values = valid.flatMap((v) => mutations(v));
      const verdicts = pythonVerdicts(schema, values);
      const disagree = values.filter((v, i) => zod.safeParse(v).success !== verdicts[i]);
      assert.deepEqual(disagree.slice(0, 3), [], `${disagree.length} of ${values.length} values judged differently`);
      assert.ok(verdicts.filter((v) => v).length >= valid.length && verdicts.some((v) => !v));
    });
  }

  it('JobSpec: the same verdict', () => {
    const spec = {
      contract: 1, key: 'a'.repeat(64), pipeline: { id: 'image.low', version: 1 }, tier: 'low',
      format: { width: 854, height: 480, fps: 12 }, node: { id: 'n', kind: 'image', label: 'L' }, seed: 7,
      params: { anything: [1, 2] }, inputs: [{ name: 'a.png', role: 'reference:0', sha256: 'b'.repeat(64) }],
    };
    const values = mutations(spec);
    const verdicts = pythonVerdicts((contractJson() as { job: unknown }).job, values);
    const disagree = values.filter((v, i) => JobSpec.safeParse(v).success !== verdicts[i]);
    assert.deepEqual(disagree.slice(0, 3), [], `${disagree.length} of ${values.length} values judged differently`);
  });

  it('refuses a schema keyword it cannot enforce', () => {
    assert.throws(
      () => execFileSync('python3', ['-c', CHECK, COMMON], { input: JSON.stringify({ schema: { type: 'string', format: 'email' }, values: [] }), stdio: 'pipe' }),
      /unsupported JSON Schema keyword 'format'/,
    );
  });
});
