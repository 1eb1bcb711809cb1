import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseDocument } from '../../../core';
import type { Tier } from '../../../core/ports';
import { GPU_PIPELINE_DIRS } from '../../../pipelines/gpuSchemas';
import { planCanvas } from '../../../runner/plan/plan';
import { makeGpuJob, manifestOf, PIPELINES, removeGpuJobs, runGpuJob } from './gpuJobs';
import { pngFixture } from './gpuParams';

/**
 * The example film planned by the real builder, handed to the GPU pipelines: every image, video and
 * audio job's params pass the check the Python contract layer itself makes (its manifest's params
 * schema), at every tier; and one job of each kind runs end to end on the stand-in model layer.
 */
const EXAMPLE = path.resolve(__dirname, '../../../examples/last-light-at-gull-point');
const CANVAS = '02_Source_Creative/main.bmad';
const GPU_KINDS = ['image', 'video', 'audio'];
const CHECK = `
import json, sys
sys.path.insert(0, sys.argv[1])
from bmad_pipeline import jsonschema
print(json.dumps([jsonschema.errors(c["schema"], c["params"]) for c in json.load(sys.stdin)]))
`;

function plannedJobs(tier: Tier) {
  const parsed = parseDocument(fs.readFileSync(path.join(EXAMPLE, CANVAS), 'utf8'));
  assert.ok(parsed.ok);
  return planCanvas(EXAMPLE, CANVAS, parsed.doc, { tier }).jobs.filter((j) => GPU_KINDS.includes(j.kind));
}

/** The GPU pipeline folder that renders `kind` at `tier`. */
function folderFor(kind: string, tier: Tier): string {
  const dirs = GPU_PIPELINE_DIRS.filter((d) => manifestOf(d).kinds.includes(kind as never) && manifestOf(d).tiers.includes(tier));
  assert.equal(dirs.length, 1, `${kind} at ${tier}: ${dirs.join(', ')}`);
  return dirs[0]!;
}

describe('the example film through the GPU pipelines (the builder\'s params, the Python contract layer)', function () {
  this.timeout(120_000);
  after(removeGpuJobs);

  for (const tier of ['low', 'standard', 'high'] as const) {
    it(`${tier}: every image, video and audio job's params pass its GPU pipeline's own check`, () => {
      const jobs = plannedJobs(tier);
      for (const kind of GPU_KINDS) assert.ok(jobs.some((j) => j.kind === kind), `the example has ${kind} jobs`);
      const cases = jobs.map((j) => ({ schema: manifestOf(folderFor(j.kind, tier)).params, params: j.params }));
      const out = execFileSync('python3', ['-c', CHECK, path.join(PIPELINES, 'common')], { input: JSON.stringify(cases), encoding: 'utf8' });
      const problems = (JSON.parse(out) as [string, string][][]).flatMap((errs, i) =>
        errs.map(([where, message]) => `${jobs[i]!.node.id} (${jobs[i]!.kind}) params.${where}: ${message}`),
      );
      assert.deepEqual(problems, []);
    });
  }

  it('one planned job of each kind runs end to end on the stand-in, with the inputs the plan names', async () => {
    const png = pngFixture();
    for (const kind of GPU_KINDS) {
      const job = plannedJobs('standard').find((j) => j.kind === kind)!;
      const dir = folderFor(kind, 'standard');
      // Upstream outputs and assets stand as a real PNG: keyframes and reference images are PNGs.
      const inputs = Object.fromEntries(job.inputs.map((i) => [i.name, { file: png, role: i.role }]));
      const gpuJob = makeGpuJob(dir, job.params, { inputs, format: { width: 320, height: 180, fps: 12 } });
      const run = await runGpuJob(dir, gpuJob);
      assert.equal(run.code, 0, `${dir}: ${JSON.stringify(run.result)}`);
      assert.ok(run.result.ok && run.result.outputs.length === 1, `${dir}: one output`);
    }
  });
});
