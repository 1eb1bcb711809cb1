import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { JobSpec } from '../../../core/contract';
import { GPU_PIPELINE_DIRS, isGpuModality } from '../../../pipelines/gpuSchemas';
import { makeGpuJob, manifestOf, removeGpuJobs, runGpuJob } from './gpuJobs';
import { checkOutput } from './gpuOutputs';
import { musicParams, typicalJob } from './gpuParams';

/**
 * Every GPU pipeline's real contract layer, run by host python3 with the stand-in model layer: the
 * outputs it declares, in the right formats, a valid result.json last, and valid progress lines.
 */
describe('GPU pipelines on the stand-in model layer (host python3)', function () {
  this.timeout(120_000);
  after(removeGpuJobs);

  for (const dir of GPU_PIPELINE_DIRS) {
    it(`${dir}: writes its declared outputs in their formats, progress and result.json`, async () => {
      const m = manifestOf(dir);
      assert.ok(isGpuModality(m.modality));
      const { params, opts } = typicalJob(m.modality);
      const job = makeGpuJob(dir, params, opts);
      const run = await runGpuJob(dir, job);
      assert.equal(run.code, 0, run.stderr);
      assert.ok(run.result.ok, JSON.stringify(run.result));
      assert.deepEqual(run.noise, [], 'only ProgressLine JSON on stdout');
      assert.ok(run.lines.some((l) => l.type === 'log' && l.message === 'STAND-IN model layer: no weights, test pattern'));
      assert.deepEqual(run.result.meta, { standin: true, pipeline: `${m.id}@${m.version}`, ...pick(run.result.meta, 'frames') });
      const progress = run.lines.filter((l) => l.type === 'progress');
      assert.ok(progress.length >= 2, 'progress lines');
      for (const p of progress) assert.ok(p.value <= p.max, JSON.stringify(p));
      assert.equal(progress.at(-1)!.value, progress.at(-1)!.max, 'the last progress line is complete');
      const names = run.result.outputs.map((o) => o.name).sort();
      assert.deepEqual(run.outputs, names, 'outputs/ holds exactly what result.json lists');
      const spec = JSON.parse(fs.readFileSync(path.join(job.job, 'job.json'), 'utf8')) as JobSpec;
      for (const out of run.result.outputs) {
        const declared = m.writes.find((w) => w.name === out.name);
        assert.deepEqual(out, declared && { name: declared.name, role: declared.role, mime: declared.mime });
        await checkOutput(path.join(job.outputs, out.name), out, spec);
      }
    });
  }

  for (const dir of GPU_PIPELINE_DIRS.filter((d) => d.startsWith('audio/'))) {
    it(`${dir}: music writes music.wav at the duration asked for`, async () => {
      const job = makeGpuJob(dir, musicParams);
      const run = await runGpuJob(dir, job);
      assert.ok(run.result.ok, JSON.stringify(run.result));
      assert.deepEqual(run.outputs, ['music.wav']);
      const spec = JSON.parse(fs.readFileSync(path.join(job.job, 'job.json'), 'utf8')) as JobSpec;
      await checkOutput(path.join(job.outputs, 'music.wav'), run.result.outputs[0]!, spec);
    });
  }
});

function pick(meta: Record<string, unknown> | undefined, key: string): Record<string, unknown> {
  return meta && key in meta ? { [key]: meta[key] } : {};
}
