import assert from 'node:assert/strict';
import { z } from 'zod';
import { VideoParams } from '../../../core/previewParams';
import { RECIPES } from '../../../runner/targets/comfyui/graphs/recipes';
import { ComfyImageParams } from '../../../runner/targets/comfyui/translate';
import { comfyManifests } from './jobs';

/** pipelines/comfyui/<modality>-<tier>/manifest.json say the same as the graphs that render them. */
describe('ComfyUI pipeline manifests', () => {
  const manifests = comfyManifests();

  it('each manifest validates and names a graph of its kind and tier, served by the comfyui backend', () => {
    assert.ok(manifests.length >= 4);
    for (const m of manifests) {
      const recipe = RECIPES.find((r) => r.id === m.id);
      assert.ok(recipe, `${m.id}: no graph in runner/targets/comfyui/graphs/recipes.ts`);
      assert.deepEqual([m.backend, m.modality, m.kinds, m.tiers], ['comfyui', recipe.kind, [recipe.kind], [recipe.tier]], m.id);
    }
  });

  it('lists exactly the model files its graph loads, below ComfyUI\'s models folder', () => {
    for (const m of manifests) {
      const recipe = RECIPES.find((r) => r.id === m.id)!;
      assert.deepEqual(m.models.map((f) => f.path), recipe.models.map((f) => `${f.folder}/${f.file}`), m.id);
    }
  });

  it('its params schema is the one the target parses the job with', () => {
    for (const m of manifests) {
      const schema = m.modality === 'image' ? ComfyImageParams : VideoParams;
      assert.deepEqual(m.params, z.toJSONSchema(schema), m.id);
    }
  });

  it('writes the file the target puts in the outputs folder', () => {
    for (const m of manifests) {
      const want = m.modality === 'image' ? { name: 'keyframe.png', role: 'image', mime: 'image/png' } : { name: 'clip.mp4', role: 'video', mime: 'video/mp4' };
      assert.deepEqual(m.writes, [want], m.id);
    }
  });
});
