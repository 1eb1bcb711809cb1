import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PipelineManifest } from '../../core/pipelineManifest';
import { checkModels } from '../../runner/pipelines/models';
import { pipelineRegistry } from '../../runner/pipelines/registry';
import { writeProjectTemplate } from '../../runner/newProject/template';
import { runBmad } from './runner/bundles';

/** `bmad pipelines`, `bmad models`, `bmad targets` and the render options that pick targets, on the built CLI. */
describe('bmad CLI: pipelines, models and targets', function () {
  this.timeout(60_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bmad-cli-backends-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const home = { HOME: path.join(dir, 'home'), BMAD_TARGETS: '', XDG_CONFIG_HOME: '' };

  it('lists every pipeline of the registry with its kinds, tiers, backend and VRAM', async () => {
    const r = await runBmad(['pipelines', '--json'], dir);
    assert.equal(r.code, 0, r.stderr);
    const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string; version: number; backend: string; vramGb: number; kinds: string[] });
    assert.deepEqual(rows.map((x) => `${x.id}@${x.version}`), pipelineRegistry().manifests.map((m) => `${m.id}@${m.version}`));
    const text = await runBmad(['pipelines'], dir);
    assert.match(text.stdout, /^pipeline +kinds +tiers +backend +VRAM +model\npreview\.image@1 +image +low,standard,high +preview +CPU +No model\n/);
  });

  it('lists the targets: the preview alone without a file; a bad file is a located error', async () => {
    const none = await runBmad(['targets'], dir, home);
    assert.equal(none.code, 0, none.stderr);
    assert.match(none.stdout, /^no targets file: only the embedded preview target\nid +type +where +jobs at once\nlocal +preview +this machine \(CPU\) +2\n$/);
    const file = path.join(dir, 'targets.json');
    fs.writeFileSync(file, '{ "targets": [\n  { "type": "ssh", "id": "Box", "host": "gpu", "user": "me", "modelsDir": "/m" }\n] }\n');
    const bad = await runBmad(['targets', '--targets', file], dir, home);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, new RegExp(`^bmad targets: ${file}:2:26: targets\\[0\\]\\.id: .*lowercase letters, digits, - and _`));
    fs.writeFileSync(file, '{ "targets": [{ "type": "ssh", "id": "box", "host": "gpu", "user": "me", "modelsDir": "/m" }] }\n');
    const good = await runBmad(['targets', '--json'], dir, { ...home, BMAD_TARGETS: file });
    assert.deepEqual(good.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { id: string; kind: string }).id), ['local', 'box']);
  });

  it('render refuses an unknown fallback and a targets file that does not read, before planning', async () => {
    const project = path.join(dir, 'film');
    await writeProjectTemplate(project, { name: 'Film', defaultTier: 'low' });
    const fallback = await runBmad(['render', '--fallback', 'cloud'], project, home);
    assert.equal(fallback.code, 2);
    assert.match(fallback.stderr, /^bmad render: --fallback: expected one of preview, got "cloud"/);
    const missing = await runBmad(['render', '--targets', 'nope.json'], project, home);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, new RegExp(`^bmad render: ${path.join(project, 'nope.json')}: no such file`));
    assert.equal(fs.existsSync(path.join(project, 'render.lock')), false);
  });

  it("checks each pipeline's model files: present, missing, wrong size, and with verify the sha256", async () => {
    const models = path.join(dir, 'models');
    const bytes = Buffer.from('weights of a model, for the test\n');
    const sha = createHash('sha256').update(bytes).digest('hex');
    const file = (p: string) => ({ path: p, bytes: bytes.length, sha256: sha, source: 'hf:org/repo', licence: 'MIT' });
    const m: PipelineManifest = { ...pipelineRegistry().preview('image'), id: 'image.low', backend: 'container', vramGb: 8, models: [file('sd15/a.safetensors'), file('sd15/b.safetensors'), file('sd15/c.safetensors'), file('sd15/d.safetensors')] };
    fs.mkdirSync(path.join(models, 'sd15'), { recursive: true });
    fs.writeFileSync(path.join(models, 'sd15/a.safetensors'), bytes);
    fs.writeFileSync(path.join(models, 'sd15/c.safetensors'), 'short');
    fs.writeFileSync(path.join(models, 'sd15/d.safetensors'), Buffer.from(bytes).fill(0x41, 0, 7));
    const states = async (verify: boolean) => (await checkModels([m], models, verify)).map((c) => `${c.file.path}:${c.state}`);
    assert.deepEqual(await states(false), ['sd15/a.safetensors:present', 'sd15/b.safetensors:missing', 'sd15/c.safetensors:wrong-size', 'sd15/d.safetensors:present']);
    assert.deepEqual(await states(true), ['sd15/a.safetensors:verified', 'sd15/b.safetensors:missing', 'sd15/c.safetensors:wrong-size', 'sd15/d.safetensors:wrong-hash']);
    const cli = await runBmad(['models', '--models', models], dir);
    // The GPU pipelines of this build need real weights, which this folder lacks.
    assert.equal(cli.code, 1, 'a pipeline of this build needs files the folder lacks');
    assert.match(cli.stdout, new RegExp(`^models folder: ${models}\\n`));
    assert.match(cli.stdout, /sd15\/unet\/diffusion_pytorch_model\.fp16\.safetensors.*missing/);
  });
});
