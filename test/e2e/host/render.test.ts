// Rendering from the canvas editor in the real extension host: the runner's engine as a library,
// the real preview pipelines (dist/preview.js workers) on a one-shot project, the real custom editor and
// its webview. Cancel is checked on the process table: no job's ffmpeg may outlive its render.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { NodeRender, ToWebview } from '../../../core';
import type { BmadApi, CanvasSessionApi } from '../../../extension/api';
import type { RenderOutcome } from '../../../extension/render/renderFeature';
import { bmadApi, closeAll, openCanvas, recordPosts, textDocument, waitFor } from './canvasHelpers';
import { ui, workspaceFolder } from './e2e';
import { GENERATING, oneShotProject } from './renderProject';

type RenderState = Extract<ToWebview, { type: 'renderState' }>;

interface Proc {
  readonly pid: number;
  readonly ppid: number;
  readonly pgrp: number;
  readonly cmdline: string;
}

function processes(): Proc[] {
  const out: Proc[] = [];
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const [, ppid, pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.push({ pid: Number(pid), ppid: Number(ppid), pgrp: Number(pgrp), cmdline: fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ') });
    } catch {
      /* gone meanwhile */
    }
  }
  return out;
}

/** The preview workers this extension host started (`preview.js --worker` children of this process). */
const previewWorkers = (): Proc[] => processes().filter((p) => p.ppid === process.pid && p.cmdline.includes('preview.js'));
/** What the workers run for their jobs: ffmpeg and speech programs, in the workers' process groups. */
const jobProcesses = (): Proc[] => {
  const groups = new Set(previewWorkers().map((p) => p.pid));
  return processes().filter((p) => groups.has(p.pgrp) && !groups.has(p.pid));
};

/** The canvas's zoom: the scale of React Flow's viewport transform. */
const ZOOM = `new DOMMatrix(getComputedStyle(document.querySelector('.react-flow__viewport')).transform).a`;
/** Resolves once the webview has painted two more frames. */
const PAINTED = 'new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))';

/** What the canvas shows now: every renderState since `from`, applied in order. */
function shown(messages: readonly ToWebview[]): Record<string, NodeRender> {
  let nodes: Record<string, NodeRender> = {};
  for (const m of messages) if (m.type === 'renderState') nodes = m.full ? { ...m.nodes } : { ...nodes, ...m.nodes };
  return nodes;
}

describe('rendering in the canvas editor', function () {
  this.timeout(60_000);
  let api: BmadApi;
  let session: CanvasSessionApi;
  let root: string;
  let canvas: vscode.Uri;

  before(async () => {
    api = await bmadApi();
    root = path.join(workspaceFolder().fsPath, 'one-shot');
    canvas = vscode.Uri.file(await oneShotProject(root));
    session = await openCanvas(api, canvas);
    await ui.webview.waitFor('.react-flow__node');
    await vscode.commands.executeCommand('bmad.fitView');
  });
  after(async () => {
    const doc = await textDocument(canvas);
    if (doc.isDirty) await doc.save();
    await closeAll();
  });

  it('shows every generating node as not rendered on open', async () => {
    const posts = recordPosts(session);
    try {
      await session.receive({ type: 'ready' });
      const m = await waitFor('a full renderState', () => posts.messages.find((x): x is RenderState => x.type === 'renderState' && x.full && Object.keys(x.nodes).length > 0));
      assert.deepEqual(Object.keys(m.nodes).sort(), [...GENERATING].sort());
      for (const id of GENERATING) assert.equal(m.nodes[id]!.state, 'missing', id);
    } finally {
      posts.dispose();
    }
  });

  it('Render Canvas renders the film into 03_Renders, streaming queued/running/done with thumbnails', async () => {
    const posts = recordPosts(session);
    try {
      const outcome = (await vscode.commands.executeCommand('bmad.renderCanvas')) as RenderOutcome;
      assert.ok(outcome?.ok, JSON.stringify(outcome));
      assert.deepEqual([...outcome.ran].sort(), [...GENERATING].sort());
      assert.deepEqual(outcome.films, ['03_Renders/main/film.mp4']);
      const film = path.join(root, '03_Renders/main/film.mp4');
      assert.ok(fs.statSync(film).size > 10_000, 'the film is in 03_Renders');

      const states = posts.messages.filter((m): m is RenderState => m.type === 'renderState');
      const seen = (id: string, state: NodeRender['state']) => states.some((m) => m.nodes[id]?.state === state);
      for (const id of GENERATING) for (const s of ['queued', 'running', 'done'] as const) assert.ok(seen(id, s), `${id} was shown ${s}`);
      assert.ok(states.some((m) => Object.values(m.nodes).some((n) => n.state === 'running' && (n.progress ?? 0) > 0)), 'progress was streamed');
      // After the render: status again, with webview URIs of the files in 03_Renders.
      const last = await waitFor('the final full renderState', () => [...posts.messages].reverse().find((m): m is RenderState => m.type === 'renderState' && m.full && m.nodes.output?.state === 'done'));
      for (const id of GENERATING) assert.equal(last.nodes[id]!.state, 'done', id);
      assert.match(last.nodes.image!.thumbnail ?? '', /^https:\/\/.*03_Renders\/main\/shot-01-keyframe\.png\?v=\d+$/);
      assert.equal(last.nodes.video!.thumbnail, last.nodes.image!.thumbnail, 'a video shows its keyframe');
      assert.equal(last.nodes.video!.media?.kind, 'video');
      assert.match(last.nodes.voice!.media?.src ?? '', /shot-01-mara\.wav/);
      assert.match(last.nodes.output!.thumbnail ?? '', /film-contact-sheet\.png/);
      assert.match(last.nodes.output!.media?.src ?? '', /film\.mp4/);
    } finally {
      posts.dispose();
    }
    await ui.webview.waitFor('img.bmad-render-thumb', 10_000);
    await waitFor('thumbnails loaded', async () => (await ui.webview.evaluate(`[...document.querySelectorAll('img.bmad-render-thumb')].every((i) => i.complete && i.naturalWidth > 0) && document.querySelectorAll('img.bmad-render-thumb').length`)) as number >= 2, 10_000);
    await ui.webview.screenshot('render-done');

    // The inspector plays the selected node's output: the video's metadata loads from 03_Renders.
    await ui.webview.click('.react-flow__node[data-id="video"]');
    await ui.webview.waitFor('.inspector video.bmad-render-media', 5000);
    await waitFor('the video loaded', async () => ((await ui.webview.evaluate(`document.querySelector('.inspector video.bmad-render-media').readyState`)) as number) >= 1, 10_000);
    await ui.webview.click('.react-flow__node[data-id="voice"]');
    await ui.webview.waitFor('.inspector audio.bmad-render-audio-player', 5000);
    await waitFor('the audio loaded', async () => ((await ui.webview.evaluate(`document.querySelector('.inspector audio').readyState`)) as number) >= 1, 10_000);
    await ui.webview.click('.react-flow__node[data-id="video"]');
    await ui.webview.waitFor('.inspector video.bmad-render-media', 5000);
    const zoom = async () => (await ui.webview.evaluate(ZOOM)) as number;
    const before = await zoom();
    for (let i = 0; i < 3; i++) await ui.webview.click('.react-flow__controls-zoomin');
    // Three steps of 1.2 (React Flow's zoomIn, no animation), up to the canvas's limit of 2.
    const want = Math.min(before * 1.2 ** 3, 2) - 1e-3;
    await waitFor(`the canvas zoomed in to ${want.toFixed(2)}`, async () => (await zoom()) >= want);
    await ui.webview.evaluate(PAINTED);
    await ui.webview.screenshot('render-inspector-video');
  });

  it('Generate Node renders the selected node from the unsaved text, and only what it needs', async () => {
    const posts = recordPosts(session);
    try {
      // Everything the canvas shows, sent again as on a reload; an edit's changes come on top of it.
      await session.receive({ type: 'ready' });
      await waitFor('a full renderState', () => posts.messages.some((m) => m.type === 'renderState' && m.full && Object.keys(m.nodes).length > 0));
      const r = await session.applyHostOp({ type: 'setParams', id: 'image', params: { seed: 12 } });
      assert.ok(r.ok);
      assert.ok((await textDocument(canvas)).isDirty, 'the change is not saved');
      const stale = await waitFor('the edit shown as stale', () => {
        const now = shown(posts.messages);
        return now.image?.state === 'stale' ? now : undefined;
      });
      assert.deepEqual(GENERATING.filter((id) => stale[id]!.state === 'stale'), ['image', 'video', 'edit', 'output'], 'the image and everything downstream');
      assert.equal(stale.voice!.state, 'done');
      const delta = posts.messages.filter((m): m is RenderState => m.type === 'renderState').at(-1)!;
      assert.equal(delta.full, false, 'after an edit only what changed is sent');
    } finally {
      posts.dispose();
    }
    await session.receive({ type: 'selection', nodeIds: ['image', 'shot'] });
    const outcome = (await vscode.commands.executeCommand('bmad.generateNode')) as RenderOutcome;
    assert.ok(outcome?.ok, JSON.stringify(outcome));
    assert.deepEqual(outcome.ran, ['image'], 'only the image: its upstream is unchanged, its downstream not asked for');
    const lock = fs.readFileSync(path.join(root, 'render.lock'), 'utf8');
    assert.match(lock, /"seed": 12/, 'render.lock records the unsaved seed');
  });

  it('Cancel Render stops the pipelines, ends the notification, and the render runs again', async () => {
    const posts = recordPosts(session);
    try {
      // The video, cut and film are stale after the seed change: a render has jobs to run.
      const rendering = vscode.commands.executeCommand('bmad.renderCanvas') as Thenable<RenderOutcome>;
      // Mid-job: a worker runs a job, and the job has started its own work (ffmpeg, in the worker's group).
      await waitFor('a job running its ffmpeg', () => posts.messages.some((m) => m.type === 'renderState' && Object.values(m.nodes).some((n) => n.state === 'running')) && jobProcesses().length > 0, 20_000);
      const running = jobProcesses().map((p) => p.pid);
      const cancelled = await vscode.commands.executeCommand('bmad.cancelRender');
      assert.equal(cancelled, 1);
      const outcome = await rendering;
      assert.equal(outcome.cancelled, true);
      assert.deepEqual(jobProcesses(), [], 'no ffmpeg or speech program left in any worker\'s group');
      assert.deepEqual(processes().filter((p) => running.includes(p.pid)), [], 'what the jobs ran is gone');
      const shownNow = shown(posts.messages);
      for (const [id, n] of Object.entries(shownNow)) assert.ok(n.state !== 'running' && n.state !== 'queued', `${id} is ${n.state} after cancel`);
    } finally {
      posts.dispose();
    }
    assert.equal(await vscode.commands.executeCommand('bmad.cancelRender'), 0, 'nothing left to cancel');
    const after = recordPosts(session);
    try {
      const again = (await vscode.commands.executeCommand('bmad.renderCanvas')) as RenderOutcome;
      assert.ok(again.ok, JSON.stringify(again));
      assert.ok(again.ran.includes('output'), 'the film was made again');
      // The canvas is told the render ended (a full state), so the next test starts after it.
      await waitFor('the final full renderState', () => after.messages.some((m) => m.type === 'renderState' && m.full && m.nodes.output?.state === 'done'));
    } finally {
      after.dispose();
    }
  });

  it('a failing job marks its node failed with the reason, and the rest of the canvas still renders', async () => {
    const r = await session.applyHostOp({ type: 'setParams', id: 'mara', params: { voice: 'en-us+nobody' } });
    assert.ok(r.ok);
    const posts = recordPosts(session);
    try {
      const outcome = (await vscode.commands.executeCommand('bmad.renderCanvas')) as RenderOutcome;
      assert.equal(outcome.ok, false);
      const failed = outcome.failures.filter((f) => f.state === 'failed');
      assert.deepEqual(failed.map((f) => f.node), ['voice']);
      assert.match(failed[0]!.reason, /^BAD_PARAMS: .*nobody/);
      assert.deepEqual(outcome.failures.filter((f) => f.state === 'skipped').map((f) => f.node).sort(), ['edit', 'output'], 'what needs it is skipped, naming it');
      const last = await waitFor('the final full renderState', () => [...posts.messages].reverse().find((m): m is RenderState => m.type === 'renderState' && m.full && m.nodes.voice?.state === 'failed'));
      assert.match(last.nodes.voice!.message ?? '', /BAD_PARAMS: .*nobody/);
      assert.equal(last.nodes.image!.state, 'done');
    } finally {
      posts.dispose();
    }
    await ui.webview.waitFor('.bmad-render-badge.is-failed', 5000);
    await ui.webview.click('.react-flow__node[data-id="voice"]');
    await ui.webview.waitFor('.inspector .bmad-render-badge.is-failed', 5000);
    assert.match(await ui.webview.text('.react-flow__node[data-id="voice"] .bmad-render-reason'), /BAD_PARAMS/);
    await ui.webview.screenshot('render-failed');
  });
});
