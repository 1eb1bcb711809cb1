import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Engine } from '../../runner/engine';
import { openProject } from '../../runner/project';
import { render, type RenderEvent } from '../../runner/render';
import { ORPHAN_GUARD } from '../../runner/targets/orphanGuard';
import { LocalTarget } from '../../runner/targets/local';
import { Router } from '../../runner/targets/router';
import { previewBundle } from '../unit/runner/bundles';
import { removeAfterSuccess } from './render/harness';
import { smallFilmProject } from './render/smallFilm';

/**
 * The engine as the extension uses it: one Engine per project, a batch render in progress, and a
 * "Generate Node" for one shot arriving meanwhile. The shot's jobs overtake the queued batch work,
 * nothing runs twice, and render.lock ends up with both renders' entries. Real pipelines.
 */
describe('render: an interactive node render overtakes a batch render (real pipelines)', function () {
  this.timeout(10 * 60_000);
  const dirs: string[] = [];
  removeAfterSuccess(this, () => dirs);

  it('runs the node and what it needs next, shares jobs, and keeps both in render.lock', async () => {
    const dir = await smallFilmProject(3);
    dirs.push(dir);
    const project = openProject(dir);
    const canvas = project.manifest.canvases[0]!;
    const engine = new Engine(project.cacheDir, new Router([new LocalTarget({ command: { cmd: process.execPath, args: ['--import', ORPHAN_GUARD, await previewBundle()] }, concurrency: 1 })]));
    const starts: string[] = [];
    let first!: () => void;
    const firstStarted = new Promise<void>((r) => (first = r));
    const onEvent = (e: RenderEvent) => {
      if (e.type === 'start') {
        starts.push(e.job.node.id);
        first();
      }
    };
    const batch = render(project, engine, { canvases: [canvas], fallback: 'preview', signal: new AbortController().signal, onEvent });
    await firstStarted;
    const node = render(project, engine, { canvases: [canvas], fallback: 'preview', node: 'video-3', signal: new AbortController().signal, onEvent: () => {} });
    const [b, n] = await Promise.all([batch, node]);
    assert.equal(b.ok, true);
    assert.equal(n.ok, true);
    assert.deepEqual(starts.slice(1, 3), ['image-3', 'video-3'], `start order: ${starts.join(', ')}`);
    assert.equal(starts.length, 12, 'every job ran exactly once');
    assert.equal(new Set(starts).size, 12);
    const lock = JSON.parse(fs.readFileSync(path.join(dir, 'render.lock'), 'utf8'));
    assert.equal(Object.keys(lock.canvases[canvas].nodes).length, 12);
  });
});
