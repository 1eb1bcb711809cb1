import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { AudioParams, EditParams, OutputParams, VideoParams } from '../../../core/previewParams';
import { ada, imageParams, lantern, shot, style } from './fixtures';
import { makeJob, outputsOf, removeJobs, runJob, sha256, type RunResult } from './jobs';
import { isFaststart, probe, stream } from './probe';

/**
 * The five preview pipelines run for real (ffmpeg, Skia, eSpeak) on job folders at the low tier, each
 * twice: the second run must give the same bytes. Clips are short to keep this quick.
 */

interface Rendered {
  dir: string;
  run: RunResult;
  hashes: Record<string, string>;
}

async function render(kind: Parameters<typeof makeJob>[0], params: unknown, opts: Parameters<typeof makeJob>[2] = {}): Promise<Rendered> {
  const dir = makeJob(kind, params, opts);
  const run = await runJob(dir);
  assert.equal(run.code, 0, `${kind} failed: ${JSON.stringify(run.result)}\n${run.stderr}`);
  const hashes = Object.fromEntries(outputsOf(dir).map((f) => [f, sha256(path.join(dir, 'outputs', f))]));
  return { dir, run, hashes };
}

const out = (r: Rendered, name: string) => path.join(r.dir, 'outputs', name);
const twice = async (f: () => Promise<Rendered>) => [await f(), await f()] as const;
export const TIMINGS: Record<string, number> = {};

after(removeJobs);

describe('preview pipelines (real ffmpeg, Skia and eSpeak, low tier)', function () {
  this.timeout(300_000);
  let images: readonly [Rendered, Rendered];
  let closeUp: Rendered;
  let clips: readonly [Rendered, Rendered];
  let clip2: Rendered;
  let speech: readonly [Rendered, Rendered];
  let music: readonly [Rendered, Rendered];
  let cuts: readonly [Rendered, Rendered];
  let films: readonly [Rendered, Rendered];
  let fades: readonly [Rendered, Rendered];
  const dialogue: AudioParams = { mode: 'dialogue', text: 'Keep it lit until the boats are in.', character: 'Ada', voice: 'en-us+f2', pitch: 45, rate: 150, duration: null };
  const bed: AudioParams = { mode: 'music', text: 'a slow, hopeful theme', duration: 4, style };
  const video = (camera: VideoParams['camera']): VideoParams => ({ prompt: '', motion: 0.6, duration: 2, camera, framing: 'medium', keyframe: 'key.png' });

  before(async () => {
    images = await twice(() => render('image', imageParams()));
    closeUp = await render('image', imageParams({ scene: lantern, shot: shot({ number: 4, framing: 'close-up' }), characters: [ada] }));
    const key = (r: Rendered) => ({ inputs: { 'key.png': { file: out(r, 'keyframe.png'), role: 'keyframe' } } });
    clips = await twice(() => render('video', video('push-in'), key(images[0])));
    clip2 = await render('video', video('pan-right'), key(closeUp));
    speech = await twice(() => render('audio', dialogue));
    music = await twice(() => render('audio', bed));
    const edit: EditParams = {
      transition: 'cut',
      transitionDuration: 0,
      duration: 4,
      clips: [
        { input: 'c0.mp4', start: 0, duration: 2, shotNumber: 3 },
        { input: 'c1.mp4', start: 2, duration: 2, shotNumber: 4 },
      ],
      audio: [
        { input: 'bed.wav', mode: 'music', start: 0, volume: 0.5 },
        { input: 'line.wav', mode: 'dialogue', start: 0.5, volume: 1 },
      ],
    };
    const editInputs = {
      'c0.mp4': { file: out(clips[0], 'clip.mp4'), role: 'clip:0' },
      'c1.mp4': { file: out(clip2, 'clip.mp4'), role: 'clip:1' },
      'bed.wav': { file: out(music[0], 'music.wav'), role: 'audio:0' },
      'line.wav': { file: out(speech[0], 'dialogue.wav'), role: 'audio:1' },
    };
    cuts = await twice(() => render('edit', edit, { inputs: editInputs }));
    // A crossfade cannot join clips as they are: this takes the timeline path that re-encodes.
    const fade: EditParams = { ...edit, transition: 'crossfade', transitionDuration: 0.5, duration: 3.5, clips: [edit.clips[0]!, { ...edit.clips[1]!, start: 1.5 }] };
    fades = await twice(() => render('edit', fade, { inputs: editInputs }));
    const output: OutputParams = {
      file: 'The Keeper.mp4',
      subtitles: true,
      contactSheet: true,
      duration: 4,
      cut: 'cut.mp4',
      cues: [{ start: 0.5, end: 2.8, speaker: 'Ada', text: dialogue.text }],
      keyframes: [
        { input: 'k0.png', shotNumber: 3, caption: 'Ada hands Tomas the lamp.' },
        { input: 'k1.png', shotNumber: 4, caption: 'Ada, alone in the lantern room.' },
      ],
    };
    const outputInputs = {
      'cut.mp4': { file: out(cuts[0], 'cut.mp4'), role: 'clip' },
      'k0.png': { file: out(images[0], 'keyframe.png'), role: 'keyframe:0' },
      'k1.png': { file: out(closeUp, 'keyframe.png'), role: 'keyframe:1' },
    };
    films = await twice(() => render('output', output, { inputs: outputInputs }));
    for (const [k, r] of Object.entries({ image: images[1], 'video (2 s)': clips[1], 'audio (dialogue)': speech[1], 'audio (music 4 s)': music[1], 'edit (joined)': cuts[1], 'edit (crossfade, encoded)': fades[1], output: films[1] })) TIMINGS[k] = r.run.ms;
    fs.mkdirSync('test-results/pipelines', { recursive: true });
    fs.writeFileSync('test-results/pipelines/timings.json', JSON.stringify(TIMINGS, null, 2));
  });

  it('every run gives the same bytes as the run before it', () => {
    for (const [a, b] of [images, clips, speech, music, cuts, fades, films]) assert.deepEqual(b.hashes, a.hashes);
    fs.writeFileSync('test-results/pipelines/hashes.json', JSON.stringify([images, clips, speech, music, cuts, fades, films].map(([a, b]) => [a.hashes, b.hashes]), null, 2));
  });

  it('image: a PNG at the tier size, progress on stdout, a different grain for another seed', async () => {
    const png = fs.readFileSync(out(images[0], 'keyframe.png'));
    assert.equal(png.readUInt32BE(16), 854);
    assert.equal(png.readUInt32BE(20), 480);
    assert.ok(images[0].run.lines.some((l) => (l as { type: string }).type === 'progress'));
    assert.deepEqual(images[0].run.result, { ok: true, outputs: [{ name: 'keyframe.png', role: 'image', mime: 'image/png' }], meta: { width: 854, height: 480, characters: ['Ada', 'Tomas'], pipeline: 'preview.image@1' } });
    const other = await render('image', imageParams(), { seed: 8 });
    assert.notEqual(other.hashes['keyframe.png'], images[0].hashes['keyframe.png']);
  });

  it('video: H.264 at 854×480, 12 fps, exactly the duration in frames', () => {
    const v = stream(probe(out(clips[0], 'clip.mp4')), 'video')!;
    assert.equal(v.codec_name, 'h264');
    assert.deepEqual([v.width, v.height, v.r_frame_rate, v.nb_frames], [854, 480, '12/1', '24']);
    assert.equal(probe(out(clips[0], 'clip.mp4')).streams.length, 1, 'no audio in a clip');
  });

  it('audio: speech is 22,050 Hz mono WAV; a bed lasts its duration', () => {
    const s = stream(probe(out(speech[0], 'dialogue.wav')), 'audio')!;
    assert.deepEqual([s.codec_name, s.sample_rate, s.channels], ['pcm_s16le', '22050', 1]);
    assert.ok(Number(s.duration) > 1 && Number(s.duration) < 5, `speech lasts ${s.duration} s`);
    const m = stream(probe(out(music[0], 'music.wav')), 'audio')!;
    assert.equal(Number(m.duration), 4);
  });

  it('edit: H.264 + AAC, exactly the length of the timeline, joined or re-encoded', () => {
    for (const [r, frames, seconds, how] of [[cuts[0], '48', 4, 'joined'], [fades[0], '42', 3.5, 'encoded']] as const) {
      const p = probe(out(r, 'cut.mp4'));
      const v = stream(p, 'video')!;
      const a = stream(p, 'audio')!;
      assert.deepEqual([v.codec_name, v.width, v.height, v.nb_frames], ['h264', 854, 480, frames]);
      assert.equal(a.codec_name, 'aac');
      assert.ok(Math.abs(Number(a.duration) - seconds) < 0.05, `audio lasts ${a.duration} s`);
      assert.equal((r.run.result as { meta: { video: string } }).meta.video, how);
    }
  });

  it('output: faststart MP4 with picture, sound and a subtitle track, an .srt and a contact sheet', () => {
    const film = out(films[0], 'film.mp4');
    const p = probe(film);
    assert.deepEqual(p.streams.map((s) => s.codec_name), ['h264', 'aac', 'mov_text']);
    assert.ok(Math.abs(Number(p.format.duration) - 4) < 0.1);
    assert.ok(isFaststart(film), 'moov before mdat');
    assert.equal(fs.readFileSync(out(films[0], 'film.srt'), 'utf8'), '1\n00:00:00,500 --> 00:00:02,800\nADA: Keep it lit until the boats are in.\n');
    const sheet = fs.readFileSync(out(films[0], 'contact-sheet.png'));
    assert.equal(sheet.toString('latin1', 1, 4), 'PNG');
    assert.deepEqual(outputsOf(films[0].dir), ['contact-sheet.png', 'film.mp4', 'film.srt']);
  });
});

describe('preview pipelines: bad jobs fail with a code and a message that names the problem', function () {
  this.timeout(120_000);

  async function fails(kind: Parameters<typeof makeJob>[0], params: unknown, code: string, message: RegExp, opts: Parameters<typeof makeJob>[2] = {}) {
    const dir = makeJob(kind, params, opts);
    const run = await runJob(dir);
    assert.equal(run.code, 1, run.stderr);
    const result = run.result as { ok: boolean; error: { code: string; message: string } };
    assert.equal(result.ok, false);
    assert.equal(result.error.code, code);
    assert.match(result.error.message, message);
    assert.deepEqual(outputsOf(dir), [], 'no output is left behind');
  }

  it('image: an unknown framing', () => fails('image', imageParams({ shot: shot({ framing: 'diagonal' as 'wide' }) }), 'BAD_PARAMS', /params\.shot\.framing/));
  it('video: an unknown camera move', () => fails('video', { prompt: '', motion: 0.5, duration: 1, camera: 'zoom', framing: null, keyframe: 'k.png' }, 'BAD_PARAMS', /params\.camera/));
  it('audio: a voice eSpeak does not have', () =>
    fails('audio', { mode: 'dialogue', text: 'Hello.', character: 'Ada', voice: 'en-us+nobody', pitch: 50, rate: 160, duration: null }, 'BAD_PARAMS', /voice.*nobody/));
  it('audio: a pitch out of range', () => fails('audio', { mode: 'dialogue', text: 'Hello.', character: null, voice: 'en-us', pitch: 140, rate: 160, duration: null }, 'BAD_PARAMS', /pitch/));
  it('edit: no clips', () => fails('edit', { transition: 'cut', transitionDuration: 0, duration: 2, clips: [], audio: [] }, 'BAD_PARAMS', /params\.clips/));
  it('output: a negative duration', () =>
    fails('output', { file: 'f.mp4', subtitles: false, contactSheet: false, duration: -1, cut: 'c.mp4', cues: [], keyframes: [] }, 'BAD_PARAMS', /params\.duration/));
  it('video: a keyframe missing from inputs is BAD_INPUT', () => fails('video', { prompt: '', motion: 0.5, duration: 1, camera: 'static', framing: null, keyframe: 'k.png' }, 'BAD_INPUT', /k\.png/));
  it('a pipeline version this build does not have', () => fails('image', imageParams(), 'BAD_PARAMS', /preview\.image@9.*@1/, { version: 9 }));

  it('job.json that is not JSON', async () => {
    const dir = makeJob('image', imageParams());
    fs.writeFileSync(path.join(dir, 'job.json'), '{ nope');
    const run = await runJob(dir);
    assert.equal(run.code, 1);
    assert.match((run.result as { error: { code: string; message: string } }).error.message, /job\.json could not be read/);
  });
});

describe('preview pipelines: SIGTERM stops the job, its ffmpeg and leaves no partial file', function () {
  this.timeout(120_000);

  async function interrupt(kind: Parameters<typeof makeJob>[0], params: unknown, opts: Parameters<typeof makeJob>[2]) {
    const dir = makeJob(kind, params, opts);
    // Wait for a progress line from ffmpeg itself (value > 0), so the child is really encoding.
    const run = await runJob(dir, { killAfter: (l) => (l as { type: string; value?: number }).type === 'progress' && ((l as { value: number }).value ?? 0) > 0 });
    assert.equal(run.code, 143, run.stderr);
    assert.deepEqual(run.result, { ok: false, error: { code: 'INTERRUPTED', message: 'the job was cancelled (SIGTERM)' } });
    assert.deepEqual(outputsOf(dir), [], 'no partial or temporary file');
    const left = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).split('\n').filter((l) => l.includes(dir) && !l.startsWith('ps '));
    assert.deepEqual(left, [], 'no ffmpeg left running');
  }

  let key: string;
  before(async () => {
    const r = await render('image', imageParams());
    key = out(r, 'keyframe.png');
  });

  it('video', () => interrupt('video', { prompt: '', motion: 0.5, duration: 40, camera: 'push-in', framing: null, keyframe: 'k.png' }, { inputs: { 'k.png': { file: key, role: 'keyframe' } } }));
});
