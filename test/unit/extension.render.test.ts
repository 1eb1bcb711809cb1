import assert from 'node:assert/strict';
import { insert, emptyDocument, makeNode, NodeNames, parseToWebview, type BmadEdge } from '../../core';
import { applyPatch, fromStatus, patchFor } from '../../extension/render/nodeRenderState';
import { previewCommand } from '../../extension/render/previewCommand';
import { generatingSelection, renderRefusal, UNTRUSTED_MESSAGE, type RenderContext } from '../../extension/render/renderGuard';
import { RenderProgress } from '../../extension/render/renderProgress';
import type { RenderEvent } from '../../runner/render';
import type { NodeStatus } from '../../runner/status';

const ok: RenderContext = { trusted: true, scheme: 'file', projectRoot: '/films/a', parsed: true, file: 'a/main.bmad' };

describe('extension: rendering in the editor (pure parts)', () => {
  describe('renderRefusal (the workspace-trust guard)', () => {
    it('refuses in an untrusted workspace, whatever else holds, and offers to manage trust', () => {
      assert.deepEqual(renderRefusal({ ...ok, trusted: false }), { message: UNTRUSTED_MESSAGE, fix: 'manageTrust' });
      assert.equal(renderRefusal({ trusted: false, scheme: 'untitled', projectRoot: undefined, parsed: false, file: 'x' })?.fix, 'manageTrust');
      assert.match(UNTRUSTED_MESSAGE, /untrusted workspace/);
    });
    it('allows a trusted, parsed canvas inside a project', () => {
      assert.equal(renderRefusal(ok), undefined);
    });
    it('names what is missing: a file, a project, a document that parses', () => {
      assert.match(renderRefusal({ ...ok, scheme: 'untitled' })!.message, /not a file/);
      assert.deepEqual(renderRefusal({ ...ok, projectRoot: undefined })?.fix, 'newProject');
      assert.match(renderRefusal({ ...ok, projectRoot: undefined })!.message, /a\/main\.bmad is not inside a film project/);
      assert.equal(renderRefusal({ ...ok, parsed: false })?.fix, 'openAsText');
    });
  });

  describe('generatingSelection', () => {
    const shot = makeNode('shot', { x: 0, y: 0 }, 'Shot 1');
    const image = makeNode('image', { x: 0, y: 0 }, 'Key');
    const out = makeNode('output', { x: 0, y: 0 }, 'Film');
    const r = insert(emptyDocument(), [shot, image, out], []);
    assert.ok(r.ok);
    const doc = r.doc;
    it('keeps the selected nodes that render, in selection order', () => {
      assert.deepEqual(generatingSelection(doc, [out.id, shot.id, image.id]), { ok: true, nodes: [out.id, image.id] });
    });
    it('says why when nothing selected renders', () => {
      const none = generatingSelection(doc, []);
      assert.ok(!none.ok && /nothing is selected/.test(none.message));
      const s = generatingSelection(doc, [shot.id, 'gone']);
      assert.ok(!s.ok && /Shot does not render/.test(s.message), JSON.stringify(s));
    });
  });

  describe('previewCommand', () => {
    it('runs dist/preview.js with the host node and the orphan guard', () => {
      const c = previewCommand('/ext', { execPath: '/usr/bin/node', electron: undefined, platform: 'linux' });
      assert.equal(c.cmd, '/usr/bin/node');
      assert.equal(c.args[0], '--import');
      assert.match(c.args[1]!, /^data:text\/javascript,/);
      assert.equal(c.args.at(-1), '/ext/dist/preview.js');
    });
    it('runs Electron as Node in desktop VS Code', () => {
      const c = previewCommand('/ext', { execPath: '/opt/code/code', electron: '34.0.0', platform: 'linux' });
      assert.equal(c.cmd, '/usr/bin/env');
      assert.deepEqual(c.args.slice(0, 3), ['ELECTRON_RUN_AS_NODE=1', '/opt/code/code', '--import']);
    });
  });

  describe('node states', () => {
    const image = makeNode('image', { x: 0, y: 0 }, 'Key');
    const video = makeNode('video', { x: 0, y: 0 }, 'Clip');
    const voice = makeNode('audio', { x: 0, y: 0 }, 'Line');
    const edges: BmadEdge[] = [{ id: 'e1', source: image.id, sourcePort: 'image', target: video.id, targetPort: 'image' }];
    const r = insert(emptyDocument(), [image, video, voice], edges);
    assert.ok(r.ok, !r.ok ? r.message : '');
    const st = (node: string, kind: string, state: NodeStatus['state'], files: string[], extra: Partial<NodeStatus> = {}): NodeStatus => ({ canvas: 'c.bmad', node, kind, label: node, state, key: 'k-' + node, files, ...extra });
    const src = (rel: string) => (rel.includes('gone') ? undefined : `https://webview/${rel}`);

    it('maps status to badges, own media, and a video borrows its keyframe as thumbnail', () => {
      const nodes = fromStatus(
        [
          st(image.id, 'image', 'fresh', ['03_Renders/c/shot-keyframe.png'], { made: { on: 'gpu-box', pipeline: 'image.standard@1' } }),
          st(video.id, 'video', 'stale', ['03_Renders/c/shot.mp4'], { reason: 'changed' }),
          st(voice.id, 'audio', 'missing', [], { reason: 'never rendered' }),
        ],
        r.doc,
        src,
      );
      assert.deepEqual(nodes[image.id], { state: 'done', thumbnail: 'https://webview/03_Renders/c/shot-keyframe.png', media: { kind: 'image', src: 'https://webview/03_Renders/c/shot-keyframe.png' }, made: { on: 'gpu-box', pipeline: 'image.standard@1' } });
      assert.deepEqual(nodes[video.id], { state: 'stale', message: 'changed', media: { kind: 'video', src: 'https://webview/03_Renders/c/shot.mp4' }, thumbnail: 'https://webview/03_Renders/c/shot-keyframe.png' });
      assert.deepEqual(nodes[voice.id], { state: 'missing', message: 'never rendered' });
      const parsed = parseToWebview({ type: 'renderState', full: true, nodes });
      assert.ok(parsed.ok, !parsed.ok ? parsed.error : '');
    });

    it('shows no media for files that are gone, and a failure while the key is the failed one', () => {
      const failures = new Map([[voice.id, { key: 'k-' + voice.id, message: 'BAD_PARAMS: voice' }]]);
      const nodes = fromStatus([st(video.id, 'video', 'missing', ['03_Renders/c/gone.mp4']), st(voice.id, 'audio', 'missing', [])], r.doc, src, failures);
      assert.deepEqual(nodes[video.id], { state: 'missing' });
      assert.deepEqual(nodes[voice.id], { state: 'failed', message: 'BAD_PARAMS: voice' });
      const changed = fromStatus([st(voice.id, 'audio', 'missing', [], { key: 'k-new' })], r.doc, src, failures);
      assert.equal(changed[voice.id]!.state, 'missing');
    });

    it('a node that needs input shows as such, with which input, not as failed', () => {
      const reason = 'Keyframe: connect an image node to it';
      const nodes = fromStatus([st(video.id, 'video', 'needs-input', [], { reason })], r.doc, src);
      assert.deepEqual(nodes[video.id], { state: 'needs-input', message: reason });
      assert.ok(parseToWebview({ type: 'renderState', full: true, nodes }).ok);
    });

    it('turns job events into patches that keep the last thumbnail', () => {
      const job = { node: image, kind: 'image', key: 'k' } as unknown as Extract<RenderEvent, { type: 'start' }>['job'];
      const ev = (e: object) => ({ canvas: 'c.bmad', job, ...e }) as RenderEvent;
      const prev = { state: 'stale' as const, thumbnail: 't', message: 'changed' };
      const running = applyPatch(prev, patchFor(ev({ type: 'start', attempt: 1 }))!);
      assert.deepEqual(running, { state: 'running', thumbnail: 't', progress: 0 });
      const half = applyPatch(running, patchFor(ev({ type: 'progress', line: { type: 'progress', value: 1, max: 2 } }))!);
      assert.equal(half.progress, 0.5);
      assert.equal(patchFor(ev({ type: 'progress', line: { type: 'log', level: 'info', message: 'x' } })), undefined);
      assert.deepEqual(applyPatch(half, patchFor(ev({ type: 'failed', code: 'BAD_PARAMS', message: 'no' }))!), { state: 'failed', thumbnail: 't', message: 'BAD_PARAMS: no' });
      const record = { backend: 'gpu-box', pipeline: { id: 'image.standard', version: 1 } };
      assert.deepEqual(applyPatch(half, patchFor(ev({ type: 'done', record }))!), { state: 'done', thumbnail: 't', made: { on: 'gpu-box', pipeline: 'image.standard@1' } });
      assert.deepEqual(applyPatch({ state: 'stale', made: { on: 'local', pipeline: 'preview.image@1' } }, patchFor(ev({ type: 'cached' }))!), { state: 'done', made: { on: 'local', pipeline: 'preview.image@1' } }, 'a cached job keeps where its output was made');
    });
  });

  it('RenderProgress reports increments that add up to 100', () => {
    const reports: { message?: string; increment?: number }[] = [];
    const p = new RenderProgress({ report: (v) => reports.push(v) }, new NodeNames([]));
    p.expect(['a', 'b']);
    const job = (id: string) => ({ node: { id, label: id }, kind: 'image', key: id });
    p.onEvent({ canvas: 'c', type: 'cached', job: job('a') } as unknown as RenderEvent);
    p.onEvent({ canvas: 'c', type: 'start', attempt: 1, job: job('b') } as unknown as RenderEvent);
    p.onEvent({ canvas: 'c', type: 'progress', line: { type: 'progress', value: 1, max: 4 }, job: job('b') } as unknown as RenderEvent);
    p.onEvent({ canvas: 'c', type: 'done', job: job('b') } as unknown as RenderEvent);
    const total = reports.reduce((s, r) => s + (r.increment ?? 0), 0);
    assert.ok(Math.abs(total - 100) < 1e-9, String(total));
    assert.match(reports[2]!.message!, /1\/2 done · "b" 25%/);
    assert.equal(reports.at(-1)!.message, '2/2 done');
  });
});
