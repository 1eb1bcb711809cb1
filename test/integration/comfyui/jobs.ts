import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TIER_FORMATS, type JobSpec } from '../../../core/contract';
import { PipelineManifest } from '../../../core/pipelineManifest';
import type { ImageParams, VideoParams } from '../../../core/previewParams';
import type { Tier } from '../../../core/ports';
import type { Recipe } from '../../../runner/targets/comfyui/graphs/recipes';
import type { JobIo, TargetEnv } from '../../../runner/targets/target';
import { standinManifest, STANDINS } from './standins';

/** Jobs, job folders and the registry's view of the ComfyUI pipelines, for the ComfyUI target's tests. */

const MANIFESTS = path.resolve(__dirname, '../../../pipelines/comfyui');

export function comfyManifests(): PipelineManifest[] {
  return fs.readdirSync(MANIFESTS).map((d) => PipelineManifest.parse(JSON.parse(fs.readFileSync(path.join(MANIFESTS, d, 'manifest.json'), 'utf8'))));
}

export function testEnv(lines: string[] = []): TargetEnv {
  const all = [...comfyManifests(), ...STANDINS.map(standinManifest)];
  return {
    manifest: (ref) => {
      const m = all.find((x) => x.id === ref.id && x.version === ref.version);
      if (!m) throw new Error(`no pipeline ${ref.id}@${ref.version}`);
      return m;
    },
    log: (l) => lines.push(l),
  };
}

const STYLE = { name: 'House', prompt: 'soft film grain', negativePrompt: 'text', palette: ['#112233', '#445566'], grain: 0.2 };

export function imageParams(over: Partial<ImageParams> = {}): ImageParams {
  return {
    prompt: 'a lighthouse at dusk',
    negativePrompt: 'blurry',
    steps: 20,
    guidance: 5,
    shot: { number: 1, action: 'waves hit the rocks', framing: 'wide', camera: 'static', duration: 3, dialogue: [] },
    scene: { number: 1, heading: 'EXT. COAST', timeOfDay: 'dusk', synopsis: '' },
    style: STYLE,
    characters: [],
    ...over,
  };
}

export function videoParams(over: Partial<VideoParams> = {}): VideoParams {
  return { prompt: 'the sea moves', motion: 0.5, duration: 3, camera: 'push-in', framing: 'wide', keyframe: 'keyframe.png', ...over };
}

let counter = 0;
const made: string[] = [];
// Job folders go when the run ends (a failing test's folder is there to look at until then).
if (typeof after === 'function') after(() => made.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

export interface JobSetup {
  readonly job: JobSpec;
  readonly io: JobIo;
}

/** A job for `recipe` with its own folder; `inputs` are files written into its inputs folder. */
export function makeJob(recipe: Recipe, tier: Tier, params: object, inputs: Record<string, Buffer> = {}): JobSetup {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bmad-comfyjob-'));
  made.push(dir);
  const io = { dir, inputsDir: path.join(dir, 'inputs'), outputsDir: path.join(dir, 'outputs'), logFile: path.join(dir, 'job.log') };
  fs.mkdirSync(io.inputsDir);
  fs.mkdirSync(io.outputsDir);
  const jobInputs = Object.entries(inputs).map(([name, bytes]) => {
    fs.writeFileSync(path.join(io.inputsDir, name), bytes);
    return { name, role: name.replace(/\..*$/, ''), sha256: createHash('sha256').update(bytes).digest('hex') };
  });
  const key = createHash('sha256').update(`${process.pid}-${Date.now()}-${counter++}`).digest('hex');
  const job: JobSpec = {
    contract: 1,
    key,
    pipeline: { id: recipe.id, version: 1 },
    tier,
    format: { ...TIER_FORMATS[tier] },
    node: { id: 'n1', kind: recipe.kind, label: 'Test node' },
    seed: 42,
    params: params as Record<string, unknown>,
    inputs: jobInputs,
  };
  return { job, io };
}
