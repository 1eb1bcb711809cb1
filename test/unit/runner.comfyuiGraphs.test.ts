import assert from 'node:assert/strict';
import { TIER_FORMATS } from '../../core/contract';
import type { ImageParams, VideoParams } from '../../core/previewParams';
import type { ApiGraph } from '../../runner/targets/comfyui/graphs/graph';
import { workingSize } from '../../runner/targets/comfyui/graphs/job';
import { recipeById } from '../../runner/targets/comfyui/graphs/recipes';
import { wanFrames } from '../../runner/targets/comfyui/graphs/video';
import { translateJob, type InputNaming } from '../../runner/targets/comfyui/translate';

/** What each tier's ComfyUI graph asks the model for (the real server checks the graphs' shape in test/integration/comfyui). */

const naming: InputNaming = { upload: (i) => `up-${i}`, lora: (i) => `lora-of-${i}` };
const style = { name: 'S', prompt: 'ink wash', negativePrompt: 'photo', palette: ['#000000', '#ffffff'], grain: 0 };
const image: ImageParams = {
  prompt: 'a red door',
  negativePrompt: 'blur',
  steps: 31,
  guidance: 6.5,
  shot: { number: 2, action: 'she knocks', framing: 'close-up', camera: 'static', duration: 2, dialogue: [] },
  scene: null,
  style,
  characters: [],
};
const character = { name: 'Ada', description: 'tall', silhouette: 'tall' as const, colors: ['#aa0000'], voice: 'en', pitch: 50, rate: 160, reference: null, lora: null };
const video: VideoParams = { prompt: 'wind', motion: 1, duration: 2, camera: 'pan-left', framing: null, keyframe: 'keyframe.png' };
const KEY = 'ab'.repeat(32);

function graphOf(id: string, params: object, seed = 7): ApiGraph {
  const r = recipeById(id)!;
  return translateJob({ key: KEY, seed, format: { ...TIER_FORMATS[r.tier] }, params: params as Record<string, unknown> }, r, naming).graph;
}
const nodes = (g: ApiGraph, type: string) => Object.values(g).filter((n) => n.class_type === type);
const one = (g: ApiGraph, type: string) => {
  const found = nodes(g, type);
  assert.equal(found.length, 1, `one ${type}`);
  return found[0]!.inputs;
};

describe('ComfyUI graphs per tier', () => {
  it('low (SD 1.5): about 512² at the tier\'s aspect, the node\'s own steps, guidance and the job seed; scaled to the tier size', () => {
    const g = graphOf('comfyui.image.low', image);
    assert.deepEqual({ w: one(g, 'EmptyLatentImage').width, h: one(g, 'EmptyLatentImage').height }, { w: 704, h: 384 });
    const k = one(g, 'KSampler');
    assert.deepEqual([k.steps, k.cfg, k.seed], [31, 6.5, 7]);
    assert.deepEqual([one(g, 'ImageScale').width, one(g, 'ImageScale').height], [854, 480]);
    assert.equal(one(g, 'SaveImage').filename_prefix, `bmad/${KEY.slice(0, 16)}`);
  });

  it('the prompt leads with the node\'s words, then framing, action, characters and style; the negative adds the style\'s', () => {
    const g = graphOf('comfyui.image.low', { ...image, characters: [character] });
    const [pos, neg] = nodes(g, 'CLIPTextEncode').map((n) => n.inputs.text);
    assert.equal(pos, 'a red door, close-up, she knocks, Ada, tall, wearing #aa0000, ink wash');
    assert.equal(neg, 'blur, photo');
  });

  it('standard is FLUX.1-schnell (4 steps, cfg 1, no FluxGuidance); high is FLUX.1-dev (28 steps, FluxGuidance 3.5)', () => {
    const std = graphOf('comfyui.image.standard', image);
    assert.deepEqual([one(std, 'KSampler').steps, one(std, 'KSampler').cfg, nodes(std, 'FluxGuidance').length], [4, 1, 0]);
    assert.equal(one(std, 'UNETLoader').unet_name, 'flux1-schnell.safetensors');
    const high = graphOf('comfyui.image.high', image);
    assert.deepEqual([one(high, 'KSampler').steps, one(high, 'FluxGuidance').guidance], [28, 3.5]);
    assert.equal(one(high, 'UNETLoader').unet_name, 'flux1-dev.safetensors');
    assert.deepEqual(workingSize(TIER_FORMATS.high, 1024 * 1024), { width: 1344, height: 768 });
  });

  it('a LoRA per character that has one, chained in character order; none without', () => {
    const withLoras = { ...image, characters: [{ ...character, lora: 'lora-01.safetensors' }, { ...character, name: 'Bo', lora: null }, { ...character, name: 'Cy', lora: 'lora-03.safetensors' }] };
    for (const id of ['comfyui.image.low', 'comfyui.image.standard', 'comfyui.image.high']) {
      assert.deepEqual(nodes(graphOf(id, withLoras), 'LoraLoader').map((n) => n.inputs.lora_name), ['lora-of-lora-01.safetensors', 'lora-of-lora-03.safetensors'], id);
      assert.equal(nodes(graphOf(id, image), 'LoraLoader').length, 0);
    }
  });

  it('video: SVD\'s motion bucket follows motion and the clip lasts the node\'s duration; Wan takes 4k+1 frames up to 81', () => {
    const svd = graphOf('comfyui.video.standard', video);
    assert.equal(one(svd, 'SVD_img2vid_Conditioning').motion_bucket_id, 255);
    assert.equal(one(svd, 'CreateVideo').fps, 12.5, '25 frames in 2 s');
    assert.equal(one(svd, 'LoadImage').image, 'up-keyframe.png');
    assert.deepEqual([0.1, 1, 2, 5, 30].map(wanFrames), [5, 17, 33, 81, 81]);
    const wan = graphOf('comfyui.video.high', video);
    assert.equal(one(wan, 'WanImageToVideo').length, 33);
    assert.deepEqual(nodes(wan, 'KSamplerAdvanced').map((n) => [n.inputs.start_at_step, n.inputs.end_at_step]), [[0, 10], [10, 10000]]);
    assert.deepEqual(one(wan, 'SaveVideo').format, 'mp4');
  });

  it('a character\'s reference picture without a LoRA is named as unused (core ComfyUI has no IP-Adapter)', () => {
    const r = recipeById('comfyui.image.standard')!;
    const params = { ...image, characters: [{ ...character, reference: 'reference-01.png' }, { ...character, name: 'Bo', reference: 'reference-02.png', lora: 'lora-02.safetensors' }] };
    const t = translateJob({ key: KEY, seed: 1, format: { ...TIER_FORMATS.standard }, params }, r, naming);
    assert.deepEqual(t.notes, ['reference images of Ada are not used on ComfyUI (core nodes have no IP-Adapter): give the character a LoRA']);
  });

  it('the same job gives the same graph, byte for byte', () => {
    assert.equal(JSON.stringify(graphOf('comfyui.video.high', video)), JSON.stringify(graphOf('comfyui.video.high', video)));
    assert.notEqual(JSON.stringify(graphOf('comfyui.image.low', image, 1)), JSON.stringify(graphOf('comfyui.image.low', image, 2)));
  });

  it('bad params are refused naming the param', () => {
    assert.throws(() => graphOf('comfyui.video.high', { ...video, motion: 3 }), /^Error: comfyui\.video\.high: params\.motion: /);
    assert.throws(() => graphOf('comfyui.image.low', { ...image, characters: [{ ...character, lora: '../x' }] }), /params\.characters\.0\.lora/);
  });
});
