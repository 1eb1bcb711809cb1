import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { PREVIEW_KINDS, PREVIEW_PIPELINES } from '../../../core/previewParams';
import { PipelineManifest, previewManifests } from '../../../pipelines/manifest';
import { mixTracks, MIX_RATE } from '../../../pipelines/preview/edit/mix';
import { videoGraph } from '../../../pipelines/preview/edit/timeline';
import { appearanceOf } from '../../../pipelines/preview/image/appearance';
import { layoutComment, panelLayout, readLayoutFromPng } from '../../../pipelines/preview/image/layout';
import { stage } from '../../../pipelines/preview/image/staging';
import { toSrt } from '../../../pipelines/preview/output/srt';
import { rng } from '../../../pipelines/preview/rng';
import { decodeWav, encodeWav } from '../../../pipelines/preview/tools/wav';
import { motionFor } from '../../../pipelines/preview/video/motion';
import { ada, shot, tomas } from '../../integration/pipelines/fixtures';

const ROOT = path.resolve(__dirname, '../../..');

describe('pipelines: manifests', () => {
  const previewJson = () => JSON.parse(fs.readFileSync(path.join(ROOT, 'pipelines/preview/manifest.json'), 'utf8'));

  it('the preview manifest takes each version and node kind from the agreed interface', () => {
    const m = previewManifests(previewJson());
    assert.deepEqual(m.map((p) => `${p.id}@${p.version}:${p.node}`), PREVIEW_KINDS.map((k) => `${PREVIEW_PIPELINES[k].id}@${PREVIEW_PIPELINES[k].version}:${k}`));
    for (const p of m) assert.equal(p.vramGb, 0, p.id);
  });

  it('refuses a version in the preview manifest: versions live only in core/previewParams.ts', () => {
    const json = previewJson();
    json.pipelines[1].version = 2;
    assert.throws(() => previewManifests(json), /^Error: pipelines\/preview\/manifest.json: pipelines\.1: Unrecognized key: "version"$/);
  });

  it('names the entry when the manifest and the table describe different pipelines', () => {
    const unknown = previewJson();
    unknown.pipelines[0].id = 'preview.sketch';
    assert.throws(() => previewManifests(unknown), /manifest.json: pipelines.0 \(preview.sketch\): no such pipeline in PREVIEW_PIPELINES/);
    const missing = previewJson();
    missing.pipelines.pop();
    assert.throws(() => previewManifests(missing), /manifest.json: no entry for preview.output/);
    const roles = previewJson();
    roles.pipelines[4].writes.pop();
    assert.throws(() => previewManifests(roles), /pipelines.4 \(preview.output\): writes roles film, subtitles, but core\/previewParams.ts agrees on film, subtitles, contact-sheet/);
  });
});

describe('pipelines: pure parts', () => {
  it('seeded randomness repeats per salt and differs between salts', () => {
    const a = rng(7, 'x');
    const b = rng(7, 'x');
    const c = rng(7, 'y');
    const seqA = [a(), a(), a()];
    assert.deepEqual(seqA, [b(), b(), b()]);
    assert.notDeepEqual(seqA, [c(), c(), c()]);
  });

  it('the panel layout survives the trip through a PNG comment chunk', () => {
    const l = panelLayout(854, 480);
    assert.equal((l.pictureTop % 2) + (l.pictureHeight % 2), 0);
    const text = Buffer.from(`Comment\0${layoutComment(l)}`, 'latin1');
    const chunk = Buffer.alloc(12 + text.length);
    chunk.writeUInt32BE(text.length, 0);
    chunk.write('tEXt', 4, 'latin1');
    text.copy(chunk, 8);
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), chunk]);
    assert.deepEqual(readLayoutFromPng(png), l);
    assert.equal(readLayoutFromPng(Buffer.from('89504e470d0a1a0a', 'hex')), undefined);
  });

  it('a character looks the same whatever the shot, and two characters differ', () => {
    assert.deepEqual(appearanceOf(ada), appearanceOf({ ...ada }));
    assert.notDeepEqual(appearanceOf(ada).coat, appearanceOf(tomas).coat);
    assert.equal(appearanceOf(ada).scarf, true);
    assert.equal(appearanceOf(tomas).beard, true);
    assert.ok(appearanceOf({ ...ada, silhouette: 'tall' }).body.stature > appearanceOf({ ...ada, silhouette: 'small' }).body.stature);
  });

  it('two characters keep their sides of the screen whichever order the shot lists them in', () => {
    const st = () => 1;
    for (const framing of ['wide', 'medium'] as const) {
      const a = stage(framing, [ada, tomas], st, shot(), 854, 382, 340, 1);
      const b = stage(framing, [tomas, ada], st, shot(), 854, 382, 340, 99);
      const x = (p: typeof a, name: string) => p.find((q) => q.character.name === name)!.pose.x;
      assert.ok(x(a, 'Ada') < x(a, 'Tomas'));
      assert.ok(x(b, 'Ada') < x(b, 'Tomas'));
    }
    const cu = stage('close-up', [ada, tomas], st, shot({ dialogue: [{ character: 'Tomas', line: 'Hm.' }] }), 854, 382, 340, 1);
    assert.deepEqual(cu.map((p) => p.character.name), ['Tomas'], 'a close-up shows the speaker');
    const ots = stage('over-shoulder', [ada, tomas], st, shot(), 854, 382, 340, 1);
    assert.deepEqual(ots.map((p) => [p.character.name, p.pose.back]), [['Ada', false], ['Tomas', true]]);
  });

  it('every camera move is a zoompan expression; static does not move', () => {
    for (const cam of ['static', 'push-in', 'pull-out', 'pan-left', 'pan-right', 'tilt-up', 'tilt-down'] as const) {
      const m = motionFor(cam, 0.5, 24);
      for (const e of [m.z, m.x, m.y]) assert.doesNotMatch(e, /NaN|undefined|'/);
    }
    assert.deepEqual(motionFor('static', 1, 24), { z: '1', x: '0', y: '0' });
    assert.match(motionFor('push-in', 0.5, 1).z, /on\/1\b/, 'a one-frame clip does not divide by zero');
  });

  it('the timeline graph lasts exactly the cut and fades only on crossfades', () => {
    const clips = [
      { input: 'a.mp4', start: 0, duration: 2, shotNumber: 1 },
      { input: 'b.mp4', start: 1.5, duration: 2, shotNumber: 2 },
    ];
    const x = videoGraph({ transition: 'crossfade', transitionDuration: 0.5, duration: 3.5, clips, audio: [] }, 854, 480, 12);
    assert.equal(x.frames, 42);
    assert.match(x.graph, /fade=t=in:st=0:d=0\.5:alpha=1/);
    assert.match(x.graph, /trim=end_frame=42,format=yuv420p\[v\]$/);
    const cut = videoGraph({ transition: 'cut', transitionDuration: 0, duration: 4, clips: [clips[0]!, { ...clips[1]!, start: 2 }], audio: [] }, 854, 480, 12);
    assert.doesNotMatch(cut.graph, /fade=/);
    assert.match(cut.graph, /PTS-STARTPTS\+24\/\(12\*TB\)/);
  });

  it('the mix has the cut length, places lines at their start and ducks beds under them', () => {
    const line = new Float32Array(MIX_RATE).fill(0.5);
    const bed = new Float32Array(MIX_RATE / 2).fill(0.2);
    const out = mixTracks(
      [
        { mode: 'music', start: 0, volume: 1, samples: bed },
        { mode: 'dialogue', start: 2, volume: 1, samples: line },
      ],
      4,
    );
    assert.equal(out.length, 4 * MIX_RATE);
    assert.ok(Math.abs(out[MIX_RATE]! - 0.2) < 1e-6, 'the bed loops and plays at its level before the line');
    const during = out[Math.round(2.5 * MIX_RATE)]!;
    assert.ok(Math.abs(during - (0.5 + 0.2 * 0.45)) < 1e-3, `ducked under the line (got ${during})`);
    assert.ok(Math.abs(out[Math.round(3.9 * MIX_RATE)]! - 0.2) < 0.02, 'the bed comes back after the line');
  });

  it('a hot mix is scaled down, never clipped', () => {
    const loud = new Float32Array(MIX_RATE).fill(0.9);
    const out = mixTracks([{ mode: 'dialogue', start: 0, volume: 1, samples: loud }, { mode: 'dialogue', start: 0, volume: 1, samples: loud }], 1);
    assert.ok(Math.max(...out) <= 0.95 + 1e-6);
  });

  it('WAV round trip', () => {
    const data = Float32Array.from([0, 0.5, -0.5, 1, -1]);
    const back = decodeWav(encodeWav({ sampleRate: 22050, channels: 1, data }), 'x');
    assert.equal(back.sampleRate, 22050);
    back.data.forEach((v, i) => assert.ok(Math.abs(v - data[i]!) < 1e-4));
  });

  it('subtitles: speakers named, cues clipped to the film, empty lines skipped', () => {
    const srt = toSrt(
      [
        { start: 0.5, end: 2.25, speaker: 'Ada', text: 'Keep it lit.' },
        { start: 3, end: 9, speaker: null, text: 'A gull cries.' },
        { start: 3.5, end: 4, speaker: 'Ada', text: '  ' },
        { start: 12, end: 13, speaker: 'Ada', text: 'Too late.' },
      ],
      5,
    );
    assert.equal(srt, '1\n00:00:00,500 --> 00:00:02,250\nADA: Keep it lit.\n\n2\n00:00:03,000 --> 00:00:05,000\nA gull cries.\n');
  });
});
