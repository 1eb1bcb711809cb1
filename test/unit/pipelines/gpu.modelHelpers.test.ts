import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { ada, imageParams, shot, style } from '../../integration/pipelines/fixtures';

/**
 * The parts of the real model layers that run without torch, by host python3: how params become
 * prompts, sizes, frame counts and voices, and how a failure a real model raises maps to its contract
 * code (the stand-in only raises the OOM message; a GPU raises these).
 */
const PIPELINES = path.resolve(__dirname, '../../../pipelines');

function py(code: string, input: unknown = null): unknown {
  const prelude = [
    'import importlib.util, json, os, sys',
    `sys.path.insert(0, ${JSON.stringify(path.join(PIPELINES, 'common'))})`,
    'def load(rel):',
    `    spec = importlib.util.spec_from_file_location(rel.replace("/", "_"), os.path.join(${JSON.stringify(PIPELINES)}, rel, "pipeline.py"))`,
    '    mod = importlib.util.module_from_spec(spec); spec.loader.exec_module(mod); return mod',
    'data = json.load(sys.stdin)',
  ].join('\n');
  const out = execFileSync('python3', ['-c', `${prelude}\n${code}`], { input: JSON.stringify(input), encoding: 'utf8' });
  return JSON.parse(out);
}

describe('GPU model layers: the parts that need no torch', () => {
  it('an image prompt carries the shot, scene, characters, LoRA triggers and style; negatives are joined', () => {
    const params = imageParams({ characters: [ada], style: { ...style, negativePrompt: 'blurry' }, negativePrompt: 'text' });
    const [prompt, negative] = py('from bmad_models.prompts import image_prompt\nprint(json.dumps(image_prompt(data, ["ada_bmad"])))', params) as [string, string];
    for (const part of ['storyboard frame', 'medium shot', shot().action.replace(/\.$/, ''), 'EXT. HARBOUR WALL - DUSK', 'at dusk',
      `Ada (${ada.description})`, 'ada_bmad', style.prompt]) assert.ok(prompt.includes(part), `${part} in ${prompt}`);
    assert.equal(negative, 'text, blurry');
  });

  it('video and bed prompts name the camera move and the kind of bed', () => {
    const out = py(`from bmad_models.prompts import video_prompt, bed_prompt
print(json.dumps([video_prompt(data["v"]), bed_prompt(data["m"]), bed_prompt(data["a"])]))`, {
      v: { prompt: 'the lamp swings', motion: 0.5, duration: 2, camera: 'pan-left', framing: 'wide', keyframe: 'k.png' },
      m: { mode: 'music', text: 'a waltz', duration: 3, style: null },
      a: { mode: 'ambience', text: 'harbour wind', duration: 3, style },
    }) as string[];
    assert.equal(out[0], 'the lamp swings, wide shot, camera pans left');
    assert.equal(out[1], 'a waltz, instrumental film score');
    assert.match(out[2]!, /^harbour wind, ambient background sound, no music, mood: Harbour nocturne, painted storyboard/);
  });

  it('sizes: SD 1.5 keeps the aspect at 512 px in multiples of 8, FLUX stays within 2 MP in multiples of 16', () => {
    const out = py(`from bmad_models import sd15, flux
print(json.dumps([sd15.native_size(854, 480), sd15.native_size(480, 854), flux.size16(1280, 720), flux.size16(1920, 1080)]))`) as number[][];
    assert.deepEqual(out[0], [512, 288]); // 854x480 is 16:9: 288 keeps it, 280 would squash the picture 3 %
    assert.deepEqual(out[1], [288, 512]);
    assert.deepEqual(out[2], [1280, 720]);
    const [w, h] = out[3] as [number, number];
    assert.ok(w % 16 === 0 && h % 16 === 0 && w * h <= 2 * 1024 * 1024 && w > 1800, `${w}x${h}`);
  });

  it('frames: a model\'s clip is retimed to the shot (the last frame held), Wan gets 4k+1 frames up to 5 s', () => {
    const out = py(`from bmad_models.video import retime
wan = load("video/high")
svd = load("video/standard")
print(json.dumps([retime(list(range(16)), 8, 24, 3.0), [wan.frame_count(s) for s in (0.1, 2, 4, 9)], [svd.motion_bucket(m) for m in (0, 0.5, 1)]]))`) as number[][];
    const frames = out[0]!;
    assert.equal(frames.length, 72);
    assert.deepEqual(frames.slice(0, 4), [0, 0, 0, 1]);
    assert.equal(frames.at(-1), 15);
    assert.deepEqual(out[1], [5, 45, 93, 121]);
    assert.deepEqual(out[2], [1, 128, 255]);
  });

  it('voices: an eSpeak variant picks a Kokoro voice of that sex; the rate becomes a bounded speed', () => {
    const out = py(`from bmad_models import speech
k = speech.Kokoro("Kokoro-82M")
print(json.dumps([k.voice_file(v) for v in ("en-us+f2", "en-us+f1", "en-us+m3", "en-us")] + [speech.speed(r) for r in (175, 80, 450)]))`);
    assert.deepEqual(out, [
      'Kokoro-82M/voices/af_bella.pt', 'Kokoro-82M/voices/af_heart.pt', 'Kokoro-82M/voices/am_michael.pt', 'Kokoro-82M/voices/am_michael.pt',
      1, 0.6, 1.6,
    ]);
  });

  it('failures a real model raises map to their contract codes', () => {
    const out = py(`from bmad_pipeline.errors import classify
class OutOfMemoryError(RuntimeError): pass
models = "/models"
cases = [
  OutOfMemoryError("CUDA out of memory. Tried to allocate 20.00 MiB"),
  RuntimeError("CUDA error: out of memory"),
  FileNotFoundError(2, "No such file or directory", "/models/sd15/unet/diffusion_pytorch_model.fp16.safetensors"),
  OSError("Error no file named diffusion_pytorch_model.safetensors found in directory /models/musicgen-small."),
  FileNotFoundError(2, "No such file or directory", "/inputs/a.png"),
  KeyError("x"),
]
print(json.dumps([classify(e, models) for e in cases]))`) as [string, string][];
    assert.deepEqual(out.map((c) => c[0]), ['OUT_OF_MEMORY', 'OUT_OF_MEMORY', 'MISSING_WEIGHTS', 'MISSING_WEIGHTS', 'INTERNAL', 'INTERNAL']);
    assert.equal(out[2]![1], 'missing model file sd15/unet/diffusion_pytorch_model.fp16.safetensors: put it at /models/sd15/unet/diffusion_pytorch_model.fp16.safetensors');
    assert.match(out[3]![1], /^a model file is missing below \/models: Error no file named/);
  });
});
