import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PipelineManifest } from '../../core/pipelineManifest';
import { paramsJsonSchema } from '../../core/previewParams';
import { pipelineRegistry } from '../../runner/pipelines/registry';
import { loadTargets, TargetsProblem } from '../../runner/targets/config';
import { LocalTarget } from '../../runner/targets/local';
import { NoTargetFits, pickTarget, Router, whyNot, type Slot } from '../../runner/targets/router';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bmad-targets-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string) => {
  fs.writeFileSync(path.join(dir, name), text);
  return path.join(dir, name);
};
const env = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({ HOME: path.join(dir, 'home'), ...extra });
const load = (file: string | undefined, e = env()) => loadTargets({ file, cwd: dir, env: e });
const problem = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof TargetsProblem, String(e));
    return e.message;
  }
  return assert.fail('no problem reported');
};

/** A GPU pipeline as its manifest would declare it (in the registry's schema). */
const gpuImage = (vramGb: number): PipelineManifest => ({
  ...pipelineRegistry().preview('image'),
  id: 'image.standard',
  tiers: ['standard'],
  backend: 'container',
  vramGb,
  image: 'bmad/image.standard:1',
  model: 'FLUX.1-schnell (Apache-2.0): 4 steps',
  params: paramsJsonSchema('image'),
});

describe('runner: targets file', () => {
  const docker = '{ "type": "docker", "id": "gpu1", "modelsDir": "/models" }';

  it('reads --targets, else $BMAD_TARGETS, else ~/.config/bmad/targets.json; none there means only the preview', () => {
    const named = write('named.json', `{ "targets": [${docker}] }`);
    assert.deepEqual(load('named.json').targets.map((t) => t.id), ['gpu1']);
    assert.equal(load(undefined, env({ BMAD_TARGETS: named })).file, named);
    assert.deepEqual(load(undefined), { file: undefined, targets: [] });
    fs.mkdirSync(path.join(dir, 'home/.config/bmad'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'home/.config/bmad/targets.json'), `{ "targets": [${docker}] }`);
    assert.equal(load(undefined).file, path.join(dir, 'home/.config/bmad/targets.json'));
    // Defaults from the schema are filled in.
    assert.deepEqual(load('named.json').targets[0], { type: 'docker', id: 'gpu1', modelsDir: '/models', limits: { memoryMb: 16384, cpus: 4 }, concurrency: 1 });
  });

  it('a file named on purpose must exist', () => {
    assert.equal(problem(() => load('nope.json')), `${path.join(dir, 'nope.json')}: no such file`);
    assert.equal(problem(() => load(undefined, env({ BMAD_TARGETS: 'gone.json' }))), `${path.join(dir, 'gone.json')}: no such file`);
  });

  it('says what and where for a syntax error, a schema error, a taken id and a wan2gp without its host', () => {
    const syntax = write('syntax.json', '{ "targets": [\n  { "type": "docker", }\n] }');
    assert.equal(problem(() => load(syntax)), `${syntax}:2:23: trailing comma before '}': JSON allows none`);
    const schema = write('schema.json', `{ "targets": [\n  ${docker},\n  { "type": "ssh", "id": "box", "host": "h", "user": "u", "modelsDir": "/m", "port": 70000 }\n] }`);
    assert.match(problem(() => load(schema)), new RegExp(`^${schema}:3:\\d+: targets\\[1\\]\\.port: .*65535`));
    const twice = write('twice.json', `{ "targets": [\n  ${docker},\n  ${docker}\n] }`);
    assert.equal(problem(() => load(twice)), `${twice}:3:29: targets[1].id: "gpu1" is taken by an earlier target`);
    const local = write('local.json', '{ "targets": [{ "type": "comfyui", "id": "local", "url": "http://127.0.0.1:8188" }] }');
    assert.match(problem(() => load(local)), /local\.json:1:\d+: targets\[0\]\.id: "local" is the embedded preview target$/);
    const wan = write('wan.json', '{ "targets": [{ "type": "wan2gp", "id": "wan", "via": "box", "wgpDir": "/opt/Wan2GP" }] }');
    assert.match(problem(() => load(wan)), /wan\.json:1:\d+: targets\[0\]\.via: no ssh target "box" in this file \(Wan2GP runs on an ssh host\)$/);
  });
});

describe('runner: routing jobs to targets', () => {
  const slot = (id: string, probed: Slot['probed'], queued = 0, concurrency = 1): Slot => ({ id, probed, queued, concurrency });
  const gpu = (name: string, vramGb: number) => ({ name, vramGb });

  it('a target fits when it runs the backend and has a GPU with the VRAM; says why not otherwise', () => {
    const m = gpuImage(16);
    assert.equal(whyNot(m, { backends: ['container'], gpus: [gpu('RTX 4090', 24)] }), undefined);
    assert.equal(whyNot(m, { backends: ['container'], gpus: [gpu('RTX 3060', 12)] }), 'no GPU with 16 GB (has RTX 3060 12 GB)');
    assert.equal(whyNot(m, { backends: ['container'], gpus: [] }), 'reports no GPU');
    assert.equal(whyNot(m, { backends: ['preview'], gpus: [] }), 'runs preview pipelines, not container');
    assert.equal(whyNot(m, { unreachable: 'connect ECONNREFUSED 127.0.0.1:2375' }), 'could not be asked (connect ECONNREFUSED 127.0.0.1:2375)');
    assert.equal(whyNot(pipelineRegistry().preview('image'), { backends: ['preview'], gpus: [] }), undefined);
  });

  it('spreads jobs by queue length per slot, keeps a job on the target it was placed on, skips what does not fit', () => {
    const m = gpuImage(16);
    const fit = { backends: ['container' as const], gpus: [gpu('A', 24)] };
    const slots = [slot('small', { backends: ['container'], gpus: [gpu('B', 8)] }), slot('a', fit, 2, 1), slot('b', fit, 3, 4), slot('c', fit, 1, 1)];
    assert.equal(pickTarget(m, slots), 'b', '3 jobs on 4 slots is the shortest queue');
    assert.equal(pickTarget(m, slots, 'a'), 'a', 'the placed target wins while it fits');
    assert.equal(pickTarget(m, slots, 'small'), 'b', 'a placed target that no longer fits does not');
    assert.equal(pickTarget(m, [slots[0]!]), undefined);
  });

  it('the real preview target reports the preview backend and no GPU; a GPU tier then names what it needs', async () => {
    const local = new LocalTarget();
    const router = new Router([local]);
    const signal = new AbortController().signal;
    const previews = pipelineRegistry().manifests.filter((m) => m.backend === 'preview');
    assert.deepEqual(await router.unfit(previews, signal), []);
    const unfit = await router.unfit([gpuImage(16)], signal);
    assert.equal(unfit.length, 1);
    const message = new NoTargetFits(unfit).message;
    assert.match(message, /^no target can run image\.standard@1 \(image nodes at tier standard\): it needs the container backend and a GPU with 16 GB of VRAM \(FLUX\.1-schnell\); considered: local runs preview pipelines, not container\n/);
    assert.match(message, /--fallback preview/);
    assert.equal(router.assign(pipelineRegistry().preview('video'))?.id, 'local');
    assert.equal(router.assign(gpuImage(16)), undefined);
    await router.dispose();
  });
});
