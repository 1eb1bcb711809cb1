import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { PipelineManifest } from '../../core/pipelineManifest';
import { paramsJsonSchema } from '../../core/previewParams';
import { Engine } from '../../runner/engine';
import { readLock } from '../../runner/lock';
import { MANIFEST_FILES } from '../../runner/pipelines/manifests';
import { PipelineRegistry, refText } from '../../runner/pipelines/registry';
import { planCanvas } from '../../runner/plan/plan';
import { loadCanvas, openProject } from '../../runner/project';
import { render, type RenderEvent } from '../../runner/render';
import { LocalTarget } from '../../runner/targets/local';
import { ORPHAN_GUARD } from '../../runner/targets/orphanGuard';
import { createComfyUiTarget } from '../../runner/targets/comfyui/target';
import { NoTargetFits, Router, type Unfit } from '../../runner/targets/router';
import { previewBundle } from '../unit/runner/bundles';
import { removeAfterSuccess } from './render/harness';
import { smallFilmProject } from './render/smallFilm';

/**
 * Routing with the real preview target and real pipelines. The registry holds the real GPU pipelines
 * (pipelines/<modality>/<tier>/manifest.json); no target here has a GPU, so none fits image.standard: the render stops with what it needs, or, asked to,
 * makes the keyframe with the preview under the preview's own name and key.
 */
describe('render: routing to targets (real preview target and pipelines)', function () {
  this.timeout(5 * 60_000);
  const dirs: string[] = [];
  removeAfterSuccess(this, () => dirs);

  const registry = PipelineRegistry.load(MANIFEST_FILES);

  async function setup() {
    const dir = await smallFilmProject(1);
    dirs.push(dir);
    const project = openProject(dir);
    const local = new LocalTarget({ command: { cmd: process.execPath, args: ['--import', ORPHAN_GUARD, await previewBundle()] }, concurrency: 1 });
    return { dir, project, canvas: project.manifest.canvases[0]!, engine: new Engine(project.cacheDir, new Router([local], registry)) };
  }

  it('stops before running anything when no target fits, naming what the tier needs', async () => {
    const { project, canvas, engine } = await setup();
    const events: RenderEvent[] = [];
    await assert.rejects(
      render(project, engine, { canvases: [canvas], tier: 'standard', node: 'image-1', signal: new AbortController().signal, onEvent: (e) => events.push(e) }),
      (e: Error) => e instanceof NoTargetFits && /^no target can run image\.standard@1 .*a GPU with 16 GB of VRAM \(FLUX\.1-schnell\); considered: local runs preview pipelines, not container\n.*--fallback preview/s.test(e.message),
    );
    assert.equal(fs.existsSync(project.lockFile), false, 'no render.lock written');
    assert.equal(fs.existsSync(path.join(project.cacheDir, 'jobs')), false, 'no job ran');
    assert.equal(events.filter((e) => e.type === 'start').length, 0);
    await engine.router.dispose();
  });

  it('with fallback, makes the keyframe with the preview and records it as the preview, under another key', async () => {
    const { project, canvas, engine } = await setup();
    const events: RenderEvent[] = [];
    const s = await render(project, engine, { canvases: [canvas], tier: 'standard', node: 'image-1', fallback: 'preview', signal: new AbortController().signal, onEvent: (e) => events.push(e) });
    assert.ok(s.ok, JSON.stringify(s.failures));
    const fallback = events.find((e) => e.type === 'fallback');
    assert.deepEqual(fallback?.type === 'fallback' && fallback.unfit.map((u) => u.manifest.id), ['image.standard']);
    const entry = readLock(project.lockFile).canvases[canvas]!.nodes['image-1']!;
    assert.deepEqual([entry.pipeline, entry.backend, entry.tier], ['preview.image@1', 'local', 'standard']);
    // The standard tier's own job for the node has another key: the stand-in never passes for it.
    const own = planCanvas(project.root, canvas, loadCanvas(project, canvas), { tier: 'standard', pipeline: (k, t) => registry.choose(k, t) });
    const job = own.jobs.find((j) => j.node.id === 'image-1')!;
    assert.equal(`${job.pipeline.id}@${job.pipeline.version}`, 'image.standard@1');
    assert.notEqual(job.key, entry.key);
    await engine.router.dispose();
  });

  it('asks once with every pipeline no target fits: no stops as without fallback, yes makes the preview', async () => {
    const { project, canvas, engine } = await setup();
    const asked: string[][] = [];
    const ask = (answer: boolean) => async (unfit: readonly Unfit[]) => (asked.push(unfit.map((u) => refText(u.manifest))), answer);
    const opts = { canvases: [canvas], tier: 'standard' as const, signal: new AbortController().signal };
    await assert.rejects(render(project, engine, { ...opts, fallback: ask(false) }), NoTargetFits);
    assert.equal(fs.existsSync(project.lockFile), false, 'a no writes nothing');
    const s = await render(project, engine, { ...opts, fallback: ask(true) });
    assert.ok(s.ok, JSON.stringify(s.failures));
    assert.deepEqual(asked.map((a) => a.sort()), [['audio.standard@1', 'image.standard@1', 'video.standard@1'], ['audio.standard@1', 'image.standard@1', 'video.standard@1']]);
    const pipelines = Object.values(readLock(project.lockFile).canvases[canvas]!.nodes).map((n) => n.pipeline.split('@')[0]!);
    assert.ok(pipelines.every((p) => p.startsWith('preview.')), pipelines.join());
    await engine.router.dispose();
  });

  it('plans with the pipelines of the configured hosts: a ComfyUI host makes the image a ComfyUI job', async () => {
    const { project, canvas } = await setup();
    // A real client aimed at a port nothing listens on: the plan is made before any host is asked.
    const comfy = createComfyUiTarget({ type: 'comfyui', id: 'comfy', url: 'http://127.0.0.1:9/', concurrency: 1 }, { manifest: (ref) => registry.get(ref), log: () => {} });
    const local = new LocalTarget({ command: { cmd: process.execPath, args: ['--import', ORPHAN_GUARD, await previewBundle()] }, concurrency: 1 });
    const engine = new Engine(project.cacheDir, new Router([local, comfy], registry));
    await assert.rejects(
      render(project, engine, { canvases: [canvas], tier: 'standard', node: 'image-1', signal: new AbortController().signal }),
      (e: Error) => e instanceof NoTargetFits && /^no target can run comfyui\.image\.standard@1 .*considered: local runs preview pipelines, not comfyui; comfy could not be asked/s.test(e.message),
    );
    await engine.router.dispose();
  });

  it('a job a killed engine had placed on a target that cannot follow it is run again', async () => {
    const { project, canvas, engine } = await setup();
    const plan = planCanvas(project.root, canvas, loadCanvas(project, canvas), { tier: 'low' });
    const key = plan.jobs.find((j) => j.node.id === 'image-1')!.key;
    // The journal as an engine killed mid-job leaves it: run, started, placed; no finished, no end.
    fs.mkdirSync(project.cacheDir, { recursive: true });
    const lines = [
      { event: 'run', run: 'r0', at: new Date().toISOString(), pid: 1, canvas, tier: 'low' },
      { event: 'started', run: 'r0', key, node: 'image-1', attempt: 1 },
      { event: 'placed', run: 'r0', key, target: 'local', handle: 'worker-gone' },
    ];
    fs.writeFileSync(path.join(project.cacheDir, 'journal.jsonl'), lines.map((l) => JSON.stringify(l) + '\n').join(''));
    const events: RenderEvent[] = [];
    const s = await render(project, engine, { canvases: [canvas], tier: 'low', fallback: 'preview', node: 'image-1', signal: new AbortController().signal, onEvent: (e) => events.push(e) });
    assert.ok(s.ok, JSON.stringify(s.failures));
    assert.deepEqual(events.flatMap((e) => (e.type === 'resume' ? [e.interrupted] : [])), [1]);
    assert.deepEqual(events.flatMap((e) => (e.type === 'done' ? [e.job.node.id] : [])), ['image-1'], 'it ran again');
    const journal = fs.readFileSync(path.join(project.cacheDir, 'journal.jsonl'), 'utf8');
    assert.doesNotMatch(journal, /"event":"reattached"/, 'the preview target cannot follow a job: nothing to reattach to');
    await engine.router.dispose();
  });
});
