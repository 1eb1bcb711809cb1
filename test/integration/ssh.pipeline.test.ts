import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { JobSpec } from '../../core/contract';
import { ImageParams } from '../../core/previewParams';
import { createSshTarget } from '../../runner/targets/ssh/sshTarget';
import { findPipelineProgram } from '../../runner/targets/ssh/pipelineProgram';
import { localJob, progressLog, sshConfig, testEnv } from './ssh/harness';
import { sshd, type Sshd } from './ssh/sshd';

/**
 * A real GPU pipeline (pipelines/image/low: its contract layer, with the labelled STAND-IN model
 * layer, since no weights exist here) run on the host as a plain process: its program files go up by
 * content, python3 runs it there, and its PNG comes back checked.
 */
describe('ssh target: the image.low pipeline as a plain process on the host (stand-in model layer)', () => {
  let d: Sshd;
  let workDir: string;
  const params: ImageParams = ImageParams.parse({
    prompt: 'a lighthouse at dusk',
    negativePrompt: '',
    steps: 4,
    guidance: 7,
    shot: null,
    scene: null,
    style: { name: 'default', prompt: '', negativePrompt: '', palette: ['#112233', '#445566'], grain: 0 },
    characters: [],
  });
  const imageJob = (): ReturnType<typeof localJob> => {
    const { job, io } = localJob(params);
    const spec: JobSpec = { ...job, pipeline: { id: 'image.low', version: 1 }, node: { id: 'k1', kind: 'image', label: 'Keyframe' } };
    return { job: spec, io };
  };
  const target = (remoteEnv: Record<string, string>) => createSshTarget(sshConfig(d, { workDir }), testEnv(), { remoteEnv });

  before(async () => {
    d = await sshd();
    workDir = fs.mkdtempSync(path.join(d.dir, 'remote-'));
  });

  it('finds the program: pipeline.py beside its manifest and the shared contract package', () => {
    const program = findPipelineProgram({ id: 'image.low', version: 1 });
    assert.equal(program.entry, 'image/low/pipeline.py');
    const rels = program.files.map((f) => f.rel);
    assert.ok(rels.includes('image/low/manifest.json'));
    assert.ok(rels.includes('common/bmad_pipeline/run.py'));
    assert.ok(!rels.some((r) => r.includes('__pycache__')));
  });

  it('runs it and downloads its keyframe: a PNG of the job format, marked as the stand-in', async () => {
    const t = target({ BMAD_MODEL_LAYER: 'standin' });
    const { job, io } = imageJob();
    const progress = progressLog();
    const result = await t.run(job, io, new AbortController().signal, progress.on);
    t.dispose();
    assert.equal(result.ok, true, `${JSON.stringify(result)}`);
    assert.deepEqual(result.ok && result.outputs.map((o) => [o.name, o.mime]), [['keyframe.png', 'image/png']]);
    assert.ok(result.ok && result.meta?.standin, 'result.json says the stand-in made it');
    const png = fs.readFileSync(path.join(io.outputsDir, 'keyframe.png'));
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [854, 480]);
    assert.ok(progress.lines.some((l) => l.type === 'log' && l.message.includes('STAND-IN model layer')));
    assert.ok(progress.lines.some((l) => l.type === 'progress'));
  });

  it('the real model layer ends with MISSING_WEIGHTS naming the file in the host models folder', async () => {
    const t = target({});
    const { job, io } = imageJob();
    const result = await t.run(job, io, new AbortController().signal, () => undefined);
    t.dispose();
    assert.equal(!result.ok && result.error.code, 'MISSING_WEIGHTS', JSON.stringify(result));
    assert.ok(!result.ok && result.error.message.includes('sd15/'), result.ok ? '' : result.error.message);
    assert.ok(!result.ok && result.error.message.includes(path.join(d.dir, 'models')), result.ok ? '' : result.error.message);
  });

  it("the pipeline's OUT_OF_MEMORY comes back as OUT_OF_MEMORY (retried by the engine)", async () => {
    const t = target({ BMAD_MODEL_LAYER: 'standin', BMAD_STANDIN_FAIL: 'OUT_OF_MEMORY' });
    const { job, io } = imageJob();
    const result = await t.run(job, io, new AbortController().signal, () => undefined);
    t.dispose();
    assert.equal(!result.ok && result.error.code, 'OUT_OF_MEMORY', JSON.stringify(result));
    assert.deepEqual(fs.readdirSync(io.outputsDir), []);
  });
});
