import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { BmadDocument } from '../../core';
import type { NodeRenders } from '../../extension/render/nodeRenderState';
import type { StatusRequest } from '../../extension/render/statusCompute';
import { StatusRefresher, type StatusUpdate } from '../../extension/render/statusRefresher';
import { StatusThread } from '../../extension/render/statusThread';
import { statusWorkerBundle } from '../unit/runner/bundles';
import { bmad, removeAfterSuccess } from './render/harness';
import { smallFilmProject } from './render/smallFilm';

const CANVAS = '02_Source_Creative/main.bmad';
const BASE = 'https://file+.vscode-resource.vscode-cdn.net/project';

/**
 * The canvas's node states after an edit, computed on the status thread (the bundled
 * dist/statusWorker.js) for a film the real pipelines rendered: what changed comes back as a delta,
 * a burst of edits is planned twice at most, and the host's thread keeps running meanwhile.
 */
describe('render status on the status thread (real render, real worker thread)', function () {
  this.timeout(10 * 60_000);
  const dirs: string[] = [];
  removeAfterSuccess(this, () => dirs);
  let dir: string;
  let original: string;
  let thread: StatusThread;

  before(async () => {
    dir = await smallFilmProject(2);
    dirs.push(dir);
    const r = await bmad(['render', '--fallback', 'preview'], dir);
    assert.equal(r.code, 0, r.stderr);
    original = fs.readFileSync(path.join(dir, CANVAS), 'utf8');
    thread = new StatusThread(await statusWorkerBundle());
  });
  after(() => thread.dispose());

  const edited = (edit: (doc: BmadDocument) => void): string => {
    const doc = JSON.parse(original) as BmadDocument;
    edit(doc);
    return JSON.stringify(doc, null, 2) + '\n';
  };
  const prompt = (id: string, text: string) =>
    edited((d) => {
      (d.nodes.find((n) => n.id === id)!.params as { prompt: string }).prompt = text;
    });

  /** A view as RenderStateView keeps one, recording every request and update. */
  function view(name: string) {
    const v = {
      text: original,
      requests: 0,
      updates: [] as StatusUpdate[],
      warnings: [] as string[],
      shown: {} as NodeRenders,
      waiters: [] as (() => void)[],
    };
    const refresher = new StatusRefresher(thread, name, {
      request: (): StatusRequest => {
        v.requests++;
        return { canvasFile: path.join(dir, CANVAS), text: v.text, base: BASE, failures: [] };
      },
      apply: (u) => {
        v.updates.push(u);
        v.shown = u.full ? u.nodes : { ...v.shown, ...u.nodes };
        v.waiters.splice(0).forEach((w) => w());
      },
      warn: (m) => {
        v.warnings.push(m);
        v.waiters.splice(0).forEach((w) => w());
      },
    });
    const next = () => new Promise<void>((resolve) => v.waiters.push(resolve));
    return { v, refresher, next };
  }

  it('sends every node first, then only the nodes an edit changed', async () => {
    const { v, refresher, next } = view('delta');
    let arrived = next();
    refresher.refresh();
    await arrived;
    assert.equal(v.updates[0]!.full, true);
    const generating = Object.keys(v.shown).sort();
    assert.deepEqual(generating, ['edit', 'image-1', 'image-2', 'music', 'output', 'video-1', 'video-2', 'voice-1', 'voice-2']);
    assert.ok(generating.every((id) => v.shown[id]!.state === 'done'));
    assert.match(v.shown['image-1']!.thumbnail ?? '', /^https:\/\/file\+\.vscode-resource\.vscode-cdn\.net\/project\/03_Renders\/main\/[\w.-]+\.png\?v=\d+$/);

    v.text = prompt('image-1', 'lamp room, shot 1, at dawn');
    arrived = next();
    refresher.refresh();
    await arrived;
    const delta = v.updates[1]!;
    assert.equal(delta.full, false);
    assert.deepEqual(Object.keys(delta.nodes).sort(), ['edit', 'image-1', 'output', 'video-1'], 'the keyframe and what is downstream of it');
    assert.ok(Object.values(delta.nodes).every((n) => n.state === 'stale'));
    assert.equal(delta.nodes['video-1']!.thumbnail, v.updates[0]!.nodes['video-1']!.thumbnail, 'a stale node keeps showing its last render');
    refresher.dispose();
  });

  it('plans a burst of edits twice at most, ending with the last text, and answers only after the edits returned', async () => {
    const { v, refresher, next } = view('burst');
    let arrived = next();
    refresher.refresh();
    await arrived;
    v.requests = 0;
    const before = v.updates.length;
    for (let i = 0; i < 10; i++) {
      v.text = prompt('image-2', `lamp room, shot 2, take ${i}`);
      refresher.refresh();
    }
    v.text = original;
    refresher.refresh();
    // Planned on the status thread: nothing is applied while the host's thread is still in the edits.
    assert.equal(v.updates.length, before, 'no answer came within the edits');
    arrived = next();
    await arrived;
    while (v.shown['image-2']?.state !== 'done' || v.requests < 2) await next();
    assert.equal(v.requests, 2, 'the first edit, then one request for everything typed meanwhile');
    assert.ok(Object.values(v.shown).every((n) => n.state === 'done'), 'the last text is what the canvas shows');
    refresher.dispose();
  });

  it('drops an answer that was on its way when a render began; the next one is whole', async () => {
    const { v, refresher, next } = view('render');
    let arrived = next();
    refresher.refresh();
    await arrived;
    v.text = prompt('image-1', 'changed while a render starts');
    refresher.refresh();
    refresher.invalidate();
    refresher.refresh(true);
    arrived = next();
    await arrived;
    assert.equal(v.updates.length, 2, 'the answer computed before the render began was not applied');
    assert.equal(v.updates[1]!.full, true);
    assert.equal(v.requests, 3, 'the first status, the one dropped, and the one after the render began');
    refresher.dispose();
  });

  it('says nothing for text that does not parse, and names the file of a broken render.lock', async () => {
    const { v, refresher, next } = view('broken');
    v.text = '{ "version": 1, "nodes": [';
    refresher.refresh();
    v.text = original;
    const lock = path.join(dir, 'render.lock');
    const good = fs.readFileSync(lock, 'utf8');
    fs.writeFileSync(lock, '{ not json');
    try {
      const arrived = next();
      refresher.refresh(true);
      await arrived;
    } finally {
      fs.writeFileSync(lock, good);
    }
    assert.equal(v.updates.length, 0);
    assert.equal(v.requests, 2, 'both texts were asked about');
    assert.equal(v.warnings.length, 1, v.warnings.join('\n'));
    assert.match(v.warnings[0]!, /render\.lock:1:1: not valid JSON/);
    refresher.dispose();
  });
});
