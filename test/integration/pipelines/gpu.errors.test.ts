import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { GPU_PIPELINE_DIRS, isGpuModality } from '../../../pipelines/gpuSchemas';
import { ada, imageParams } from './fixtures';
import { failure, makeGpuJob, manifestOf, removeGpuJobs, runGpuJob, type GpuRun } from './gpuJobs';
import { loraParams, pngFixture, typicalJob, videoParams } from './gpuParams';

/**
 * Every error code of the contract, from each GPU pipeline's real contract layer: the stand-in raises
 * OOM and unexpected failures through the same mapping code a model would; missing weights come from
 * the real layer's own list of model files; bad params, bad inputs and SIGTERM are real.
 */
describe('GPU pipelines: error codes (host python3, stand-in model layer)', function () {
  this.timeout(120_000);
  after(removeGpuJobs);

  const typical = (dir: string) => {
    const m = manifestOf(dir);
    assert.ok(isGpuModality(m.modality));
    return typicalJob(m.modality);
  };
  const run = (dir: string, env: Record<string, string>) => {
    const { params, opts } = typical(dir);
    return runGpuJob(dir, makeGpuJob(dir, params, opts), { env });
  };
  /** A failed run leaves only result.json: no output and no temporary file. */
  const failedCleanly = (r: GpuRun, code: string) => {
    assert.equal(failure(r).code, code, failure(r).message);
    assert.equal(r.code, code === 'INTERRUPTED' ? 143 : 1);
    assert.deepEqual(r.outputs, []);
    assert.ok(r.lines.some((l) => l.type === 'log' && l.level === 'error' && l.message.startsWith(`${code}: `)));
  };

  /**
   * One test per failure, run for every pipeline at once (they are separate processes): each
   * pipeline's own assertion error is reported under its folder name.
   */
  const everyPipeline = (title: string, check: (dir: string) => Promise<void>) =>
    it(`${title}, in every pipeline`, async () => {
      const results = await Promise.allSettled(GPU_PIPELINE_DIRS.map((dir) => check(dir)));
      const failed = results.flatMap((r, i) => (r.status === 'rejected' ? [`${GPU_PIPELINE_DIRS[i]}: ${String(r.reason)}`] : []));
      assert.deepEqual(failed, []);
    });

  everyPipeline('CUDA out of memory → OUT_OF_MEMORY', async (dir) => {
    const r = await run(dir, { BMAD_STANDIN_FAIL: 'OUT_OF_MEMORY' });
    failedCleanly(r, 'OUT_OF_MEMORY');
    assert.match(failure(r).message, /^the GPU ran out of memory: CUDA out of memory\. Tried to allocate/);
  });

  everyPipeline('an unexpected exception → INTERNAL with its type', async (dir) => {
    const r = await run(dir, { BMAD_STANDIN_FAIL: 'INTERNAL' });
    failedCleanly(r, 'INTERNAL');
    assert.match(failure(r).message, /^ValueError: STAND-IN/);
  });

  everyPipeline('SIGTERM mid-job → INTERRUPTED, exit 143, the partial output removed', async (dir) => {
    let signalled = false;
    let partial = false;
    const { params, opts } = typical(dir);
    const job = makeGpuJob(dir, params, opts);
    const r = await runGpuJob(dir, job, {
      env: { BMAD_STANDIN_PAUSE_AT: '2' },
      onLine: (line, child) => {
        if (line.type === 'log' && line.message.startsWith('STAND-IN: paused at step 2')) {
          partial = fs.readdirSync(job.outputs).some((f) => f.includes('.tmp-'));
          signalled = child.kill('SIGTERM');
        }
      },
    });
    assert.ok(signalled, 'paused, then signalled');
    assert.ok(partial, 'a partial output was on disk when the signal came');
    failedCleanly(r, 'INTERRUPTED');
    assert.equal(failure(r).message, 'the job was cancelled (SIGTERM)');
  });

  everyPipeline('missing weights → MISSING_WEIGHTS naming each file the job needs and where it goes', async (dir) => {
    const m = manifestOf(dir);
    const { params, opts } = typical(dir);
    const job = makeGpuJob(dir, params, opts);
    const named: string[] = [];
    // Each run names the first missing file; placing it (an empty stand-in file) moves on to the next.
    for (;;) {
      const r = await runGpuJob(dir, job, { env: { BMAD_STANDIN_FAIL: 'MISSING_WEIGHTS' } });
      if (r.result.ok) break;
      failedCleanly(r, 'MISSING_WEIGHTS');
      const hit = m.models.find((f) => failure(r).message.startsWith(`missing model file ${f.path}: put it at ${path.join(job.models, f.path)} `));
      assert.ok(hit, `${failure(r).message} names a file of the manifest and its place`);
      assert.ok(failure(r).message.includes(hit.source));
      assert.ok(!named.includes(hit.path), `${hit.path} named twice`);
      named.push(hit.path);
      fs.mkdirSync(path.dirname(path.join(job.models, hit.path)), { recursive: true });
      fs.writeFileSync(path.join(job.models, hit.path), '');
    }
    assert.ok(named.length >= 1, 'the job needs model files');
  });

  everyPipeline('an unknown param and a missing one → BAD_PARAMS naming them', async (dir) => {
    const { params, opts } = typical(dir);
    const { [Object.keys(params as object)[0]!]: dropped, ...rest } = params as Record<string, unknown>;
    assert.notEqual(dropped, undefined);
    const r = await runGpuJob(dir, makeGpuJob(dir, { ...rest, bogus: 1 }, opts));
    failedCleanly(r, 'BAD_PARAMS');
    const first = Object.keys(params as object)[0]!;
    assert.match(failure(r).message, new RegExp(`params\\.${first}: is required`));
    assert.match(failure(r).message, /params\.bogus: is not a known property/);
  });

  everyPipeline('a job for another pipeline version → BAD_PARAMS', async (dir) => {
    const m = manifestOf(dir);
    const { params, opts } = typical(dir);
    const r = await runGpuJob(dir, makeGpuJob(dir, params, { ...opts, spec: { pipeline: { id: m.id, version: m.version + 1 } } }));
    failedCleanly(r, 'BAD_PARAMS');
    assert.equal(failure(r).message, `job.json pipeline: the job asks for ${m.id}@${m.version + 1}, this image is ${m.id}@${m.version}`);
  });

  it('a wrong nested param → BAD_PARAMS with its path', async () => {
    const params = imageParams({ characters: [{ ...ada, colors: [] }] });
    const r = await runGpuJob('image/low', makeGpuJob('image/low', params));
    failedCleanly(r, 'BAD_PARAMS');
    assert.equal(failure(r).message, 'params.characters[0].colors: must have at least 1 items, got 0');
  });

  it('job.json that is not a JobSpec → BAD_PARAMS naming the field', async () => {
    const r = await runGpuJob('image/standard', makeGpuJob('image/standard', imageParams(), { spec: { seed: -1 } }));
    failedCleanly(r, 'BAD_PARAMS');
    assert.equal(failure(r).message, 'job.json.seed: must be at least 0, got -1');
  });

  it('a reference image the job does not carry → BAD_INPUT naming the character', async () => {
    const params = imageParams({ characters: [ada, { ...ada, name: 'Twin', reference: 'twin.png' }] });
    const r = await runGpuJob('image/high', makeGpuJob('image/high', params));
    failedCleanly(r, 'BAD_INPUT');
    assert.equal(failure(r).message, 'params.characters[1].reference: twin.png is not one of the job\'s inputs');
  });

  it('a keyframe that is not a PNG → BAD_INPUT', async () => {
    const r = await runGpuJob('video/standard', makeGpuJob('video/standard', videoParams(), {
      inputs: { 'keyframe.png': { file: __filename, role: 'keyframe' } },
    }));
    failedCleanly(r, 'BAD_INPUT');
    assert.equal(failure(r).message, 'params.keyframe: keyframe.png is not a PNG image');
  });

  it('a training image listed but absent from inputs/ → BAD_INPUT', async () => {
    const png = pngFixture();
    const job = makeGpuJob('lora', loraParams(), {
      inputs: Object.fromEntries([0, 1, 2, 3].map((i) => [`ada${i}.png`, { file: png, role: `image:${i}` }])),
    });
    fs.rmSync(path.join(job.inputs, 'ada2.png'));
    const r = await runGpuJob('lora', job);
    failedCleanly(r, 'BAD_INPUT');
    assert.equal(failure(r).message, `params.images[2].input: input ada2.png is missing from ${job.inputs}`);
  });
});
