import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { RECIPES, recipeById } from '../../../runner/targets/comfyui/graphs/recipes';
import { rejectionResult } from '../../../runner/targets/comfyui/errors';
import { ComfyHttp } from '../../../runner/targets/comfyui/http';
import { createComfyUiTarget } from '../../../runner/targets/comfyui/target';
import { contentNaming, translateJob } from '../../../runner/targets/comfyui/translate';
import { comfyServer, placeholderModels, removeModels, type ComfyServer } from './server';
import { imageParams, makeJob, testEnv, videoParams } from './jobs';

/**
 * Every tier's graph against the real ComfyUI's own validation: with empty files of the expected
 * names in its models folder it accepts each graph (then fails loading them, as it must); without
 * them the job fails with MISSING_WEIGHTS naming each file and its folder.
 */

const KEYFRAME = fs.readFileSync(path.resolve(__dirname, '../../../media/example-contact-sheet.png'));
const LORA = Buffer.from('not really a LoRA');

function jobFor(id: string) {
  const recipe = recipeById(id)!;
  if (recipe.kind === 'image') {
    const character = { name: 'Mara', description: 'a keeper', silhouette: 'slim', colors: ['#aa3300'], voice: 'en', pitch: 50, rate: 160, reference: null, lora: 'lora-01.safetensors' };
    return makeJob(recipe, recipe.tier, imageParams({ characters: [character as never] }), { 'lora-01.safetensors': LORA });
  }
  return makeJob(recipe, recipe.tier, videoParams(), { 'keyframe.png': KEYFRAME });
}

async function finished(server: ComfyServer, promptId: string): Promise<{ status: { status_str: string; messages: [string, { node_type?: string }][] } }> {
  for (;;) {
    const h = (await (await fetch(`${server.url}/history/${promptId}`)).json()) as Record<string, never>;
    if (h[promptId]) return h[promptId];
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('ComfyUI tier graphs against the real server', function () {
  this.timeout(180_000);
  let server: ComfyServer;
  before(async () => {
    server = await comfyServer();
  });
  afterEach(() => removeModels(server));

  for (const recipe of RECIPES) {
    it(`${recipe.id}: ComfyUI accepts the graph when its model files exist`, async () => {
      const { job, io } = jobFor(recipe.id);
      const naming = contentNaming(job);
      const lora = job.inputs.find((i) => i.name.startsWith('lora'));
      placeholderModels(server, [...recipe.models.map((m) => `${m.folder}/${m.file}`), ...(lora ? [`loras/${naming.lora(lora.name)}`] : [])]);
      const t = translateJob(job, recipe, naming);
      const http = new ComfyHttp(server.url);
      const signal = new AbortController().signal;
      for (const u of t.uploads) await http.upload(u.name, new Uint8Array(fs.readFileSync(path.join(io.inputsDir, u.input))), signal);
      if (lora) assert.ok(Object.values(t.graph).some((n) => n.class_type === 'LoraLoader' && n.inputs.lora_name === naming.lora(lora.name)), 'the character\'s LoRA is loaded');
      const submitted = await http.submit(t.graph, randomUUID(), signal);
      assert.ok(submitted.accepted, `validation: ${JSON.stringify(!submitted.accepted && submitted.rejected)}`);
      // Empty files are no models: the run fails at the first loader, which shows the graph was queued as built.
      const entry = await finished(server, submitted.promptId);
      assert.equal(entry.status.status_str, 'error');
    });
  }

  it('a job whose model files are missing fails with MISSING_WEIGHTS naming each file and its models/ folder', async () => {
    const target = createComfyUiTarget({ type: 'comfyui', id: 'local', url: server.url, concurrency: 1 }, testEnv());
    const { job, io } = jobFor('comfyui.image.standard');
    placeholderModels(server, ['text_encoders/clip_l.safetensors', `loras/${contentNaming(job).lora('lora-01.safetensors')}`]);
    const result = await target.run(job, io, new AbortController().signal, () => {});
    assert.ok(!result.ok);
    assert.equal(result.error.code, 'MISSING_WEIGHTS');
    assert.match(result.error.message, /"flux1-schnell\.safetensors" in models\/diffusion_models\/ \(UNETLoader\.unet_name\)/);
    assert.match(result.error.message, /"t5xxl_fp8_e4m3fn_scaled\.safetensors" in models\/text_encoders\/ \(DualCLIPLoader\.clip_name2\)/);
    assert.match(result.error.message, /"ae\.safetensors" in models\/vae\//);
    assert.doesNotMatch(result.error.message, /clip_l/, 'a file that is there is not named');
    assert.match(result.error.message, new RegExp(`^ComfyUI at ${server.url} lacks the model files`));
  });

  it('a character LoRA not copied to models/loras/ is a missing model named by its content name', async () => {
    const target = createComfyUiTarget({ type: 'comfyui', id: 'local', url: server.url, concurrency: 1 }, testEnv());
    const { job, io } = jobFor('comfyui.image.low');
    placeholderModels(server, ['checkpoints/v1-5-pruned-emaonly.safetensors']);
    const result = await target.run(job, io, new AbortController().signal, () => {});
    assert.ok(!result.ok);
    assert.equal(result.error.code, 'MISSING_WEIGHTS', result.error.message);
    assert.match(result.error.message, new RegExp(`"${contentNaming(job).lora('lora-01.safetensors')}" in models/loras/ \\(LoraLoader\\.lora_name\\)`));
  });

  it('a keyframe missing from ComfyUI\'s input folder is refused as BAD_INPUT naming the file', async () => {
    const recipe = recipeById('comfyui.video.standard')!;
    const { job } = jobFor(recipe.id);
    placeholderModels(server, recipe.models.map((m) => `${m.folder}/${m.file}`));
    const t = translateJob(job, recipe, { upload: () => 'never-uploaded.png', lora: () => '' });
    const submitted = await new ComfyHttp(server.url).submit(t.graph, randomUUID(), new AbortController().signal);
    assert.ok(!submitted.accepted);
    assert.deepEqual(rejectionResult(submitted.rejected, server.url, t.graph), {
      ok: false,
      error: { code: 'BAD_INPUT', message: `ComfyUI at ${server.url} does not have the uploaded input "never-uploaded.png" in its input folder` },
    });
  });

  it('an error while the graph runs (execution_error) fails the job naming the node and the exception', async () => {
    const target = createComfyUiTarget({ type: 'comfyui', id: 'local', url: server.url, concurrency: 1 }, testEnv());
    const { job, io } = makeJob(recipeById('comfyui.image.low')!, 'low', imageParams());
    placeholderModels(server, ['checkpoints/v1-5-pruned-emaonly.safetensors']);
    const result = await target.run(job, io, new AbortController().signal, () => {});
    assert.ok(!result.ok);
    assert.equal(result.error.code, 'INTERNAL');
    assert.match(result.error.message, new RegExp(`^ComfyUI at ${server.url} failed in node 1 \\(CheckpointLoaderSimple\\): \\w+`));
  });
});
