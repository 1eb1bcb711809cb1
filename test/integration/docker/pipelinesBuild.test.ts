import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Docker from 'dockerode';
import { JobSpec, TIER_FORMATS } from '../../../core/contract';
import { PipelineManifest } from '../../../core/pipelineManifest';
import { createDockerTarget } from '../../../runner/targets/docker/dockerTarget';
import { GPU_PIPELINE_DIRS } from '../../../pipelines/gpuSchemas';
import { dockerd } from '../../services/dockerd';
import { pythonImage, standinDockerfile } from '../../services/testImages';
import { REPO, runBmad } from '../../unit/runner/bundles';
import { dockerConfig, envWith, jobIo, tempRoot } from './fixtures';

/**
 * `bmad pipelines build` (the real bundled CLI) against a real dockerd, on a copy of the pipelines
 * folder with the real contract package and image.low, whose Dockerfile is its own without the RUN
 * steps (they install CUDA PyTorch from the network, which this machine has not) and with the stand-in
 * model layer; the base image comes from --base, as a user passes a CUDA image.
 */

describe('bmad pipelines build (real dockerd)', function () {
  this.timeout(180_000);
  let docker: Docker;
  let socket: string;
  let root: string;
  let pipelines: string;
  let manifest: PipelineManifest;

  before(async () => {
    ({ docker, socket } = await dockerd());
    root = tempRoot();
    pipelines = path.join(root, 'pipelines');
    fs.cpSync(path.join(REPO, 'pipelines/common'), path.join(pipelines, 'common'), { recursive: true, filter: (f) => !f.includes('__pycache__') });
    const low = path.join(pipelines, 'image/low');
    fs.cpSync(path.join(REPO, 'pipelines/image/low'), low, { recursive: true, filter: (f) => !f.includes('__pycache__') });
    const real = JSON.parse(fs.readFileSync(path.join(low, 'manifest.json'), 'utf8'));
    manifest = PipelineManifest.parse({ ...real, image: `bmad-test/built-image.low:${crypto.randomBytes(4).toString('hex')}` });
    fs.writeFileSync(path.join(low, 'manifest.json'), JSON.stringify(manifest, null, 2));
    fs.writeFileSync(path.join(low, 'Dockerfile'), standinDockerfile('image/low'));
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  const bmad = (...args: string[]) => runBmad(['pipelines', 'build', ...args, '--docker-socket', socket, '--pipelines', pipelines], root);

  it('builds the image a manifest names, on the base image given, and the docker target runs it', async () => {
    const base = await pythonImage(docker);
    const r = await bmad('image.low', '--base', base);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(r.stdout.split('\n').includes(`building image.low@1 → ${manifest.image} on ${base}`), r.stdout);
    assert.match(r.stdout, new RegExp(`^built ${manifest.image}$`, 'm'));
    const info = await docker.getImage(manifest.image!).inspect();
    assert.equal(info.Config.Labels?.['bmad.pipeline'], 'image.low@1');

    const job = JobSpec.parse({
      contract: 1, key: crypto.randomBytes(32).toString('hex'), pipeline: { id: 'image.low', version: 1 }, tier: 'low', format: TIER_FORMATS.low,
      node: { id: 'k1', kind: 'image', label: 'Shot 1 · keyframe' }, seed: 3, inputs: [],
      params: { prompt: 'gulls', negativePrompt: '', steps: 4, guidance: 7, shot: null, scene: null, characters: [],
        style: { name: 'Dusk', prompt: '', negativePrompt: '', palette: ['#223344', '#aa8844'], grain: 0 } },
    });
    const models = path.join(root, 'models');
    fs.mkdirSync(models, { recursive: true });
    const io = jobIo(root);
    const result = await createDockerTarget(dockerConfig(socket, models), envWith(manifest)).run(job, io, new AbortController().signal, () => undefined);
    assert.deepEqual(result, { ok: true, outputs: [{ name: 'keyframe.png', role: 'image', mime: 'image/png' }], meta: { standin: true, pipeline: 'image.low@1' } });
  });

  it("fails with the daemon's reason when the base image is not there, exit 1", async () => {
    const r = await bmad('image.low', '--base', 'bmad-test/no-such-base:1');
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^bmad pipelines build: image\.low \(on bmad-test\/no-such-base:1\): docker build of .* failed: /m);
    assert.match(r.stderr, /^bmad pipelines build: 1 of 1 image\(s\) failed: image\.low$/m);
  });

  it('names an unknown pipeline and the ones there are, and builds nothing', async () => {
    const r = await bmad('image.huge');
    assert.equal(r.code, 1);
    assert.equal(r.stderr, `bmad pipelines build: no container pipeline image.huge in ${pipelines} (there are: image.low)\n`);
    assert.equal(r.stdout, '');
  });

  it("finds every pipeline of the studio's own pipelines folder", async () => {
    const r = await runBmad(['pipelines', 'build', 'image.huge', '--docker-socket', socket, '--pipelines', path.join(REPO, 'pipelines')], root);
    assert.equal(r.code, 1);
    const listed = /\(there are: (.*)\)$/m.exec(r.stderr)?.[1]?.split(', ');
    const ids = GPU_PIPELINE_DIRS.map((d) => JSON.parse(fs.readFileSync(path.join(REPO, 'pipelines', d, 'manifest.json'), 'utf8')).id as string);
    assert.deepEqual(listed, ids.sort());
  });

  it('locates a manifest that does not validate', async () => {
    const bad = path.join(root, 'bad');
    fs.cpSync(pipelines, bad, { recursive: true });
    const file = path.join(bad, 'image/low/manifest.json');
    fs.writeFileSync(file, JSON.stringify({ ...manifest, vramGb: -1 }));
    const r = await runBmad(['pipelines', 'build', '--docker-socket', socket, '--pipelines', bad], root);
    assert.equal(r.code, 1);
    assert.match(r.stderr, new RegExp(`^bmad pipelines build: ${file.replace(/[.]/g, '\\.')}: vramGb: `, 'm'));
  });
});
