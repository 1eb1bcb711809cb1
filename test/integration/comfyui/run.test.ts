import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ProgressLine } from '../../../core/contract';
import { createComfyUiTarget } from '../../../runner/targets/comfyui/target';
import { comfyServer, freePort, type ComfyServer } from './server';
import { makeJob, imageParams, testEnv, videoParams } from './jobs';
import { STANDIN_EMPTY_IMAGE, STANDIN_KEYFRAME_VIDEO, STANDINS } from './standins';

/** A job through the real ComfyUI server, end to end: queue, follow, fetch the output. */

const pngSize = (b: Buffer) => ({ width: b.readUInt32BE(16), height: b.readUInt32BE(20) });

describe('ComfyUI target: jobs end to end on the real server', function () {
  this.timeout(180_000);
  let server: ComfyServer;
  before(async () => {
    server = await comfyServer();
  });

  it('runs an image job (STAND-IN EmptyImage → SaveImage) and puts the PNG in the outputs folder', async () => {
    const target = createComfyUiTarget({ type: 'comfyui', id: 'local', url: server.url, concurrency: 1 }, testEnv(), STANDINS);
    const { job, io } = makeJob(STANDIN_EMPTY_IMAGE, 'low', imageParams());
    const placed: string[] = [];
    const progress: ProgressLine[] = [];
    const result = await target.run(job, io, new AbortController().signal, (l) => progress.push(l), (h) => placed.push(h));
    assert.ok(result.ok, JSON.stringify(result));
    assert.deepEqual(result.outputs, [{ name: 'keyframe.png', role: 'image', mime: 'image/png' }]);
    const png = fs.readFileSync(path.join(io.outputsDir, 'keyframe.png'));
    assert.deepEqual(pngSize(png), { width: 854, height: 480 }, 'the tier size');
    assert.equal(placed.length, 1, 'onPlaced once with the prompt id');
    const history = (await (await fetch(`${server.url}/history/${placed[0]}`)).json()) as Record<string, unknown>;
    assert.ok(history[placed[0]!], 'the handle is the prompt id ComfyUI knows');
    const saved = path.join(server.base, 'output', String((result.meta?.comfyui as { file: string }).file));
    assert.deepEqual(fs.readFileSync(saved), png, 'the bytes ComfyUI saved');
    target.dispose?.();
  });

  it('two jobs at once each follow their own prompt and get their own picture', async () => {
    const target = createComfyUiTarget({ type: 'comfyui', id: 'local', url: server.url, concurrency: 2 }, testEnv(), STANDINS);
    const low = makeJob(STANDIN_EMPTY_IMAGE, 'low', imageParams());
    const high = makeJob(STANDIN_EMPTY_IMAGE, 'high', imageParams());
    const never = new AbortController().signal;
    const results = await Promise.all([low, high].map(({ job, io }) => target.run(job, io, never, () => {})));
    assert.deepEqual(results.map((r) => r.ok), [true, true]);
    assert.deepEqual(pngSize(fs.readFileSync(path.join(low.io.outputsDir, 'keyframe.png'))), { width: 854, height: 480 });
    assert.deepEqual(pngSize(fs.readFileSync(path.join(high.io.outputsDir, 'keyframe.png'))), { width: 1920, height: 1080 });
  });

  it('uploads the keyframe by content and fetches the mp4 a video graph saves', async () => {
    const target = createComfyUiTarget({ type: 'comfyui', id: 'local', url: server.url, concurrency: 1 }, testEnv(), STANDINS);
    const keyframe = fs.readFileSync(path.resolve(__dirname, '../../../media/example-contact-sheet.png'));
    const { job, io } = makeJob(STANDIN_KEYFRAME_VIDEO, 'low', videoParams(), { 'keyframe.png': keyframe });
    const result = await target.run(job, io, new AbortController().signal, () => {});
    assert.equal(result.ok, true, JSON.stringify(result));
    const sha = createHash('sha256').update(keyframe).digest('hex');
    const uploaded = path.join(server.base, 'input', `bmad-${sha.slice(0, 16)}.png`);
    assert.deepEqual(fs.readFileSync(uploaded), keyframe, 'the keyframe is in ComfyUI\'s input folder under its content name');
    const mp4 = fs.readFileSync(path.join(io.outputsDir, 'clip.mp4'));
    assert.equal(mp4.subarray(4, 8).toString('latin1'), 'ftyp', 'an MP4 file');
    target.dispose?.();
  });

  it('probe reports the backend and no GPU for a ComfyUI running on the CPU', async () => {
    const target = createComfyUiTarget({ type: 'comfyui', id: 'local', url: server.url, concurrency: 1 }, testEnv());
    const stats = (await (await fetch(`${server.url}/system_stats`)).json()) as { devices: { type: string }[] };
    assert.deepEqual(stats.devices.map((d) => d.type), ['cpu'], 'this server runs on the CPU');
    assert.deepEqual(await target.probe!(new AbortController().signal), { gpus: [], backends: ['comfyui'] });
  });

  it('probe of, or a job for, a server that is not there says which address did not answer', async () => {
    const port = await freePort();
    const target = createComfyUiTarget({ type: 'comfyui', id: 'gone', url: `http://127.0.0.1:${port}`, concurrency: 1 }, testEnv());
    const url = `http://127.0.0.1:${port}`;
    await assert.rejects(target.probe!(new AbortController().signal), (e: Error) => e.message === `ComfyUI at ${url} did not answer /system_stats: ECONNREFUSED`);
    const { job, io } = makeJob(STANDIN_EMPTY_IMAGE, 'low', imageParams());
    const standins = createComfyUiTarget({ type: 'comfyui', id: 'gone', url, concurrency: 1 }, testEnv(), STANDINS);
    const result = await standins.run(job, io, new AbortController().signal, () => {});
    assert.ok(!result.ok);
    assert.equal(result.error.code, 'INTERNAL');
    assert.match(result.error.message, new RegExp(`^ComfyUI at ${url} refused its websocket: .*ECONNREFUSED`));
  });
});
