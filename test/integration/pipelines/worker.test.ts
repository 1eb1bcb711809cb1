import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { JobResult, JobSpec, ProgressLine } from '../../../core/contract';
import type { AudioParams, EditParams, OutputParams, VideoParams } from '../../../core/previewParams';
import { LocalTarget } from '../../../runner/targets/local';
import { ORPHAN_GUARD } from '../../../runner/targets/orphanGuard';
import { previewBundle } from '../../unit/runner/bundles';
import { alive, eventually, processes, workersOf } from '../../unit/runner/procs';
import { imageParams, lantern, shot, ada } from './fixtures';
import { makeJob, outputsOf, removeJobs, sha256 } from './jobs';

/**
 * The real preview worker (dist/preview.js bundled from the current sources, `--worker`) behind the
 * local target: many jobs in one process give the bytes the one-shot program gives; a cancel stops
 * one job and keeps the worker; a worker that dies fails only its job.
 */

const folders: string[] = [];
after(() => {
  removeJobs();
  for (const d of folders.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** `node preview.js <jobDir>`: the one-shot contract, from the same bundle. */
async function oneShot(dir: string): Promise<Record<string, string>> {
  const code = await new Promise((resolve) => spawn(process.execPath, [...program(), dir], { stdio: 'ignore' }).on('close', resolve));
  assert.equal(code, 0, `${dir}: ${fs.existsSync(path.join(dir, 'result.json')) ? fs.readFileSync(path.join(dir, 'result.json'), 'utf8') : 'no result'}`);
  return hashes(dir);
}

let PREVIEW = '';
/** How the local target runs the bundle; a worker is this plus `--worker`. */
const program = () => ['--import', ORPHAN_GUARD, PREVIEW];

const hashes = (dir: string) => Object.fromEntries(outputsOf(dir).map((f) => [f, sha256(path.join(dir, 'outputs', f))]));
const out = (dir: string, name: string) => path.join(dir, 'outputs', name);

interface Work {
  spec: JobSpec;
  io: { dir: string; inputsDir: string; outputsDir: string; logFile: string };
}

/** A copy of a job folder's job.json and inputs, as the engine would lay it out for the target. */
function workFolder(from: string): Work {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bmad-worker-job-'));
  folders.push(dir);
  fs.cpSync(path.join(from, 'inputs'), path.join(dir, 'inputs'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'outputs'));
  const spec = JSON.parse(fs.readFileSync(path.join(from, 'job.json'), 'utf8')) as JobSpec;
  return { spec, io: { dir, inputsDir: path.join(dir, 'inputs'), outputsDir: path.join(dir, 'outputs'), logFile: path.join(dir, 'log.txt') } };
}

async function viaWorker(t: LocalTarget, from: string | Work, signal = new AbortController().signal, onLine?: (l: ProgressLine) => void) {
  const { spec, io } = typeof from === 'string' ? workFolder(from) : from;
  const r: JobResult = await t.run(spec, io, signal, (l) => onLine?.(l));
  return { r, dir: io.dir, hashes: r.ok ? hashes(io.dir) : {} };
}

/** ffmpeg processes working in `dir`. */
const ffmpegIn = (dir: string) => processes().filter((p) => p.args.some((a) => a.includes(dir)) && path.basename(p.args[0] ?? '') === 'ffmpeg');

describe('preview worker: many jobs in one process (real ffmpeg, Skia and eSpeak)', function () {
  this.timeout(300_000);
  const target = () => new LocalTarget({ command: { cmd: process.execPath, args: program() }, concurrency: 1, graceMs: 3000 });
  const targets: LocalTarget[] = [];
  let jobs: { name: string; dir: string }[] = [];
  let oneShots: Record<string, string>[] = [];
  let longClip = '';

  before(async () => {
    PREVIEW = await previewBundle();
    const image = makeJob('image', imageParams());
    await oneShot(image);
    const closeUp = makeJob('image', imageParams({ scene: lantern, shot: shot({ number: 4, framing: 'close-up' }), characters: [ada] }), { seed: 11 });
    await oneShot(closeUp);
    const video = (camera: VideoParams['camera'], key: string, duration = 1.5) =>
      makeJob('video', { prompt: '', motion: 0.6, duration, camera, framing: 'medium', keyframe: 'key.png' } satisfies VideoParams, { inputs: { 'key.png': { file: out(key, 'keyframe.png'), role: 'keyframe' } } });
    const clip1 = video('push-in', image);
    await oneShot(clip1);
    const clip2 = video('pan-right', closeUp);
    await oneShot(clip2);
    longClip = video('push-in', image, 40);
    const line: AudioParams = { mode: 'dialogue', text: 'Keep it lit until the boats are in.', character: 'Ada', voice: 'en-us+f2', pitch: 45, rate: 150, duration: null };
    const speech = makeJob('audio', line);
    await oneShot(speech);
    const music = makeJob('audio', { mode: 'music', text: 'a slow, hopeful theme', duration: 3, style: imageParams().style } satisfies AudioParams);
    await oneShot(music);
    const edit: EditParams = {
      transition: 'cut',
      transitionDuration: 0,
      duration: 3,
      clips: [
        { input: 'c0.mp4', start: 0, duration: 1.5, shotNumber: 3 },
        { input: 'c1.mp4', start: 1.5, duration: 1.5, shotNumber: 4 },
      ],
      audio: [
        { input: 'bed.wav', mode: 'music', start: 0, volume: 0.5 },
        { input: 'line.wav', mode: 'dialogue', start: 0.2, volume: 1 },
      ],
    };
    const cut = makeJob('edit', edit, {
      inputs: {
        'c0.mp4': { file: out(clip1, 'clip.mp4'), role: 'clip:0' },
        'c1.mp4': { file: out(clip2, 'clip.mp4'), role: 'clip:1' },
        'bed.wav': { file: out(music, 'music.wav'), role: 'audio:0' },
        'line.wav': { file: out(speech, 'dialogue.wav'), role: 'audio:1' },
      },
    });
    await oneShot(cut);
    const output: OutputParams = {
      file: 'The Keeper.mp4',
      subtitles: true,
      contactSheet: true,
      duration: 3,
      cut: 'cut.mp4',
      cues: [{ start: 0.2, end: 2.5, speaker: 'Ada', text: line.text }],
      keyframes: [
        { input: 'k0.png', shotNumber: 3, caption: 'Ada hands Tomas the lamp.' },
        { input: 'k1.png', shotNumber: 4, caption: 'Ada, alone in the lantern room.' },
      ],
    };
    const film = makeJob('output', output, {
      inputs: { 'cut.mp4': { file: out(cut, 'cut.mp4'), role: 'clip' }, 'k0.png': { file: out(image, 'keyframe.png'), role: 'keyframe:0' }, 'k1.png': { file: out(closeUp, 'keyframe.png'), role: 'keyframe:1' } },
    });
    await oneShot(film);
    jobs = Object.entries({ image, closeUp, clip1, clip2, speech, music, cut, film }).map(([name, dir]) => ({ name, dir }));
    oneShots = jobs.map((j) => hashes(j.dir));
  });

  afterEach(() => targets.splice(0).forEach((t) => t.dispose()));

  it('gives the same bytes as one-shot runs, every job in the same worker', async () => {
    const t = target();
    targets.push(t);
    const pids = new Set<number>();
    for (const [i, j] of jobs.entries()) {
      const w = await viaWorker(t, j.dir);
      assert.equal(w.r.ok, true, `${j.name}: ${JSON.stringify(w.r)}`);
      assert.deepEqual(w.hashes, oneShots[i], `${j.name}: the worker's bytes differ from the one-shot program's`);
      for (const p of workersOf(process.pid)) pids.add(p.pid);
    }
    assert.equal(pids.size, 1, `one worker ran all ${jobs.length} jobs (saw ${[...pids].join(', ')})`);
  });

  it('cancel mid-job: INTERRUPTED, its ffmpeg gone, no partial output, and the worker runs the next job', async () => {
    const t = target();
    targets.push(t);
    const first = await viaWorker(t, jobs[0]!.dir);
    assert.equal(first.r.ok, true);
    const [worker] = workersOf(process.pid);
    const ac = new AbortController();
    const work = workFolder(longClip);
    let encoding: number[] = [];
    // Cancel once ffmpeg reports frames written, so the encoder is really running.
    const cancelled = await viaWorker(t, work, ac.signal, (l) => {
      if (ac.signal.aborted || l.type !== 'progress' || l.value === 0) return;
      encoding = ffmpegIn(work.io.dir).map((p) => p.pid);
      ac.abort();
    });
    assert.equal(encoding.length, 1, 'ffmpeg was encoding when the job was cancelled');
    assert.deepEqual(cancelled.r, { ok: false, error: { code: 'INTERRUPTED', message: 'job "video" (n_video) was cancelled' } });
    assert.deepEqual(outputsOf(cancelled.dir), [], 'no partial or temporary file');
    assert.deepEqual(ffmpegIn(cancelled.dir), [], 'no ffmpeg left running');
    assert.ok(!alive(encoding[0]!), 'the ffmpeg that was encoding is gone');
    assert.deepEqual(workersOf(process.pid).map((p) => p.pid), [worker!.pid], 'the same worker is still there');
    const next = await viaWorker(t, jobs[2]!.dir);
    assert.deepEqual(next.hashes, oneShots[2]);
    assert.deepEqual(workersOf(process.pid).map((p) => p.pid), [worker!.pid], 'and it ran the next job');
  });

  it('a worker that dies mid-job fails only that job; its ffmpeg goes with it; the next job gets a new worker', async () => {
    const t = target();
    targets.push(t);
    await viaWorker(t, jobs[0]!.dir);
    const [worker] = workersOf(process.pid);
    const work = workFolder(longClip);
    let encoding: number[] = [];
    const died = await viaWorker(t, work, undefined, (l) => {
      if (encoding.length || l.type !== 'progress' || l.value === 0) return;
      encoding = ffmpegIn(work.io.dir).map((p) => p.pid);
      process.kill(worker!.pid, 'SIGSEGV');
    });
    assert.equal(encoding.length, 1, 'ffmpeg was encoding when the worker died');
    assert.equal(!died.r.ok && died.r.error.code, 'INTERNAL');
    assert.match(!died.r.ok ? died.r.error.message : '', /^job "video" \(n_video\): the preview worker died \(SIGSEGV\) while running it/);
    assert.ok(await eventually(() => !alive(encoding[0]!)), 'its ffmpeg was killed with it');
    const next = await viaWorker(t, jobs[2]!.dir);
    assert.deepEqual(next.hashes, oneShots[2]);
    const now = workersOf(process.pid).map((p) => p.pid);
    assert.equal(now.length, 1);
    assert.notEqual(now[0], worker!.pid, 'a new worker ran it');
  });
});
