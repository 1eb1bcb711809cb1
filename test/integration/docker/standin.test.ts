import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Docker from 'dockerode';
import { JobSpec, ProgressLine, TIER_FORMATS } from '../../../core/contract';
import { PipelineManifest } from '../../../core/pipelineManifest';
import { createDockerTarget } from '../../../runner/targets/docker/dockerTarget';
import { GPU_PIPELINE_DIRS, isGpuModality } from '../../../pipelines/gpuSchemas';
import { dockerd } from '../../services/dockerd';
import { standinImage } from '../../services/testImages';
import { makeGpuJob, manifestOf, removeGpuJobs } from '../pipelines/gpuJobs';
import { checkOutput } from '../pipelines/gpuOutputs';
import { typicalJob } from '../pipelines/gpuParams';
import { dockerConfig, envWith, jobIo, progressLog, tempRoot } from './fixtures';

/**
 * A GPU pipeline's real contract layer (pipelines/common/bmad_pipeline) with the stand-in model
 * layer, in a container the docker target runs: success with a real PNG, progress, and every error
 * code the contract has, raised through the pipeline's own mapping.
 */

const FOLDER = 'image/low';
const manifest = PipelineManifest.parse(JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../pipelines', FOLDER, 'manifest.json'), 'utf8')));

const style = { name: 'Dusk', prompt: 'muted', negativePrompt: '', palette: ['#223344', '#aa8844'], grain: 0.1 };
const character = (reference: string | null) => ({
  name: 'Mara', description: 'a keeper', silhouette: 'slim', colors: ['#884422'], voice: 'en', pitch: 50, rate: 170, reference, lora: null,
});

function imageJob(params: Record<string, unknown> = {}, inputs: { name: string; data: string }[] = []): JobSpec {
  return JobSpec.parse({
    contract: 1,
    key: crypto.randomBytes(32).toString('hex'),
    pipeline: { id: manifest.id, version: manifest.version },
    tier: 'low',
    format: TIER_FORMATS.low,
    node: { id: 'k1', kind: 'image', label: 'Shot 1 · keyframe' },
    seed: 11,
    params: { prompt: 'a lighthouse at dusk', negativePrompt: '', steps: 4, guidance: 7, shot: null, scene: null, style, characters: [], ...params },
    inputs: inputs.map((i) => ({ name: i.name, role: 'reference:0', sha256: crypto.createHash('sha256').update(i.data).digest('hex') })),
  });
}

describe('docker target: a GPU pipeline on the stand-in model layer (real dockerd)', function () {
  this.timeout(180_000);
  let docker: Docker;
  let socket: string;
  let root: string;
  let models: string;

  before(async () => {
    ({ docker, socket } = await dockerd());
    root = tempRoot();
    models = path.join(root, 'models');
    fs.mkdirSync(models);
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  async function runOn(image: string, job: JobSpec, inputs: { name: string; data: string }[] = []) {
    const io = jobIo(root, inputs);
    const progress = progressLog();
    const r = await createDockerTarget(dockerConfig(socket, models), envWith({ ...manifest, image })).run(job, io, new AbortController().signal, progress.push);
    return { r, io, progress: progress.lines };
  }

  it('succeeds with a real PNG of the job format, progress lines, and says it is a stand-in', async () => {
    const { r, io, progress } = await runOn(await standinImage(docker, FOLDER), imageJob());
    assert.ok(r.ok, JSON.stringify(r));
    assert.deepEqual(r.outputs, [{ name: 'keyframe.png', role: 'image', mime: 'image/png' }]);
    assert.deepEqual(r.meta, { standin: true, pipeline: 'image.low@1' });
    const png = fs.readFileSync(path.join(io.outputsDir, 'keyframe.png'));
    assert.deepEqual([...png.subarray(1, 4)], [...Buffer.from('PNG')]);
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [854, 480]);
    for (const l of progress) assert.ok(ProgressLine.safeParse(l).success);
    assert.deepEqual(progress[0], { type: 'log', level: 'warn', message: 'STAND-IN model layer: no weights, test pattern' });
    assert.deepEqual(progress.filter((l) => l.type === 'progress').map((l) => l.type === 'progress' && l.value), [1, 2, 3, 4]);
  });

  it('BAD_PARAMS: a param outside the manifest schema, named', async () => {
    const { r } = await runOn(await standinImage(docker, FOLDER), imageJob({ steps: 'many' }));
    assert.ok(!r.ok);
    assert.equal(r.error.code, 'BAD_PARAMS');
    assert.match(r.error.message, /params\.steps/);
  });

  it('BAD_INPUT: a reference image the job does not carry, named', async () => {
    const { r } = await runOn(await standinImage(docker, FOLDER), imageJob({ characters: [character('mara.png')] }));
    assert.ok(!r.ok);
    assert.equal(r.error.code, 'BAD_INPUT');
    assert.match(r.error.message, /characters\[0\]\.reference/);
  });

  for (const code of ['OUT_OF_MEMORY', 'MISSING_WEIGHTS', 'INTERNAL'] as const) {
    it(`${code}: raised by the stand-in through the pipeline's own mapping`, async () => {
      const { r, io } = await runOn(await standinImage(docker, FOLDER, { BMAD_STANDIN_FAIL: code }), imageJob());
      assert.ok(!r.ok);
      assert.equal(r.error.code, code, r.error.message);
      if (code === 'MISSING_WEIGHTS') assert.match(r.error.message, /sd15\/unet\/diffusion_pytorch_model\.fp16\.safetensors/);
      assert.deepEqual(fs.readdirSync(io.outputsDir), [], 'a failed job leaves no output');
    });
  }

  it('INTERRUPTED: cancelled mid-job, with no partial output', async () => {
    const image = await standinImage(docker, FOLDER, { BMAD_STANDIN_PAUSE_AT: '2' });
    const io = jobIo(root);
    const progress = progressLog();
    const abort = new AbortController();
    const running = createDockerTarget(dockerConfig(socket, models), envWith({ ...manifest, image })).run(imageJob(), io, abort.signal, progress.push);
    await progress.waitFor((l) => l.type === 'progress' && l.value === 2);
    abort.abort();
    const r = await running;
    assert.ok(!r.ok);
    assert.equal(r.error.code, 'INTERRUPTED');
    assert.deepEqual(fs.readdirSync(io.outputsDir), []);
  });
});

describe('docker target: every GPU pipeline on the stand-in model layer, in its container (real dockerd)', function () {
  this.timeout(300_000);
  let docker: Docker;
  let socket: string;
  let models: string;
  after(removeGpuJobs);

  before(async () => {
    ({ docker, socket } = await dockerd());
    models = fs.mkdtempSync(path.join(os.tmpdir(), 'bmad-models-'));
  });
  after(() => fs.rmSync(models, { recursive: true, force: true }));

  for (const dir of GPU_PIPELINE_DIRS) {
    it(`${dir}: its declared outputs in their formats, with progress`, async () => {
      const m = manifestOf(dir);
      assert.ok(isGpuModality(m.modality));
      const { params, opts } = typicalJob(m.modality);
      const laid = makeGpuJob(dir, params, opts);
      const job = JobSpec.parse(JSON.parse(fs.readFileSync(path.join(laid.job, 'job.json'), 'utf8')));
      const io = { dir: laid.root, inputsDir: laid.inputs, outputsDir: path.join(laid.root, 'collected'), logFile: path.join(laid.root, 'job.log') };
      const image = await standinImage(docker, dir);
      const progress = progressLog();
      const r = await createDockerTarget(dockerConfig(socket, models), envWith({ ...m, image })).run(job, io, new AbortController().signal, progress.push);
      assert.ok(r.ok, JSON.stringify(r));
      assert.equal(r.meta?.standin, true);
      assert.ok(progress.lines.some((l) => l.type === 'progress'));
      assert.deepEqual(fs.readdirSync(io.outputsDir).sort(), r.outputs.map((o) => o.name).sort());
      for (const out of r.outputs) checkOutput(path.join(io.outputsDir, out.name), out, job);
    });
  }
});
