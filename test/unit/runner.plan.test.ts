import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseDocument, serializeDocument, setParams, type BmadDocument } from '../../core';
import { planCanvas, type Plan, type PlannedJob } from '../../runner/plan/plan';
import { smallFilmCanvas } from '../integration/render/smallFilm';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bmad-plan-'));
// The script node's file must exist inside the project (it is checked, though no preview reads it).
fs.mkdirSync(path.join(root, '02_Source_Creative'));
fs.writeFileSync(path.join(root, '02_Source_Creative/script.fountain'), 'INT. LAMP ROOM - NIGHT\n');

function film(edit: (doc: BmadDocument) => void = () => {}): BmadDocument {
  const r = parseDocument(smallFilmCanvas(3));
  assert.ok(r.ok);
  edit(r.doc);
  return r.doc;
}
const plan = (doc: BmadDocument): Plan => planCanvas(root, 'main.bmad', doc, { tier: 'low' });
const job = (p: Plan, id: string): PlannedJob => p.jobs.find((j) => j.node.id === id) ?? assert.fail(`no job ${id}`);
const node = (doc: BmadDocument, id: string) => doc.nodes.find((n) => n.id === id)!;
const P = (j: PlannedJob) => j.params as any;

describe('runner: planning a canvas into jobs', () => {
  it('plans every generating node, edit and output, upstream first', () => {
    const p = plan(film());
    assert.equal(p.jobs.length, 12);
    const at = new Map(p.jobs.map((j, i) => [j.node.id, i]));
    for (const j of p.jobs) for (const d of j.deps) assert.ok(at.get(d)! < at.get(j.node.id)!, `${d} before ${j.node.id}`);
    assert.deepEqual(job(p, 'output').deps.slice().sort(), ['edit', 'image-1', 'image-2', 'image-3']);
  });

  it('an image gets its shot, scene, style and the characters in shot', () => {
    const p = P(job(plan(film()), 'image-2'));
    assert.equal(p.shot.number, 2);
    assert.equal(p.shot.framing, 'close-up');
    assert.equal(p.scene.heading, 'INT. LIGHTHOUSE LAMP ROOM - NIGHT');
    assert.equal(p.scene.timeOfDay, 'night');
    assert.equal(p.style.name, 'Night sea');
    assert.deepEqual(p.characters.map((c: any) => [c.name, c.silhouette, c.colors]), [['Tom', 'broad', ['#2a9d8f']]]);
  });

  it('finds characters a shot names even when they are not wired to it, in the shot\'s order', () => {
    const p = P(job(plan(film((d) => ((node(d, 'shot-2').params as any).characters = ['Mara', 'Tom']))), 'image-2'));
    assert.deepEqual(p.characters.map((c: any) => c.name), ['Mara', 'Tom']);
  });

  it('a character\'s reference image and LoRA are inputs of the image, named in its character context', () => {
    fs.mkdirSync(path.join(root, '01_Assets'), { recursive: true });
    fs.writeFileSync(path.join(root, '01_Assets/tom.png'), 'a picture of Tom');
    fs.writeFileSync(path.join(root, '01_Assets/tom.safetensors'), 'Tom\'s LoRA weights');
    const j = job(plan(film((d) => Object.assign(node(d, 'tom').params, { reference: '01_Assets/tom.png', lora: '01_Assets/tom.safetensors' }))), 'image-2');
    assert.deepEqual(P(j).characters.map((c: any) => [c.name, c.reference, c.lora]), [['Tom', 'reference-01.png', 'lora-01.safetensors']]);
    assert.deepEqual(j.inputs.map((i) => [i.name, i.role, 'asset' in i ? i.asset.rel : '']), [
      ['reference-01.png', 'reference:1', '01_Assets/tom.png'],
      ['lora-01.safetensors', 'lora:1', '01_Assets/tom.safetensors'],
    ]);
    assert.deepEqual(P(job(plan(film()), 'image-2')).characters.map((c: any) => c.lora), [null]);
    // A new LoRA is a new key; a LoRA path that leaves the project fails the image, naming the param.
    const other = job(plan(film((d) => Object.assign(node(d, 'tom').params, { lora: '01_Assets/tom.png' }))), 'image-2');
    assert.notEqual(other.key, job(plan(film((d) => Object.assign(node(d, 'tom').params, { lora: '01_Assets/tom.safetensors' }))), 'image-2').key);
    const out = plan(film((d) => Object.assign(node(d, 'tom').params, { lora: '../tom.safetensors' }))).entries.find((e) => e.state !== 'job' && e.node.id === 'image-2');
    assert.ok(out?.state === 'failed' && /params\.lora/.test(out.reason), JSON.stringify(out));
  });

  it('a reference image left as a Git LFS pointer fails the image, naming the file and how to pull it', () => {
    fs.mkdirSync(path.join(root, '01_Assets'), { recursive: true });
    const real = path.join(root, 'ada-content.png');
    fs.writeFileSync(real, Buffer.alloc(2_400_000, 7));
    // The pointer git-lfs itself writes for that content, as a clone without `git lfs pull` holds it.
    const pointer = execFileSync('git', ['lfs', 'pointer', `--file=${real}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    fs.writeFileSync(path.join(root, '01_Assets/ada.png'), pointer);
    const p = plan(film((d) => Object.assign(node(d, 'tom').params, { reference: '01_Assets/ada.png' })));
    const out = p.entries.find((e) => e.state !== 'job' && e.node.id === 'image-2');
    assert.ok(out?.state === 'failed', JSON.stringify(out));
    assert.equal(out.reason, '"tom" params.reference: 01_Assets/ada.png is a Git LFS pointer: its 2.4 MB were never pulled (git lfs pull --include "01_Assets/ada.png")');
  });

  it('a video gets its keyframe as an input and the shot\'s camera and duration', () => {
    const j = job(plan(film()), 'video-2');
    assert.deepEqual(j.inputs.map((i) => ('node' in i ? [i.name, i.node, i.output] : [])), [['keyframe.png', 'image-2', 'image']]);
    assert.equal(P(j).camera, 'pan-left');
    assert.equal(P(j).duration, 1.5);
  });

  it('dialogue speaks its character\'s lines in its voice; a bed lasts as long as the edit', () => {
    const p = plan(film());
    assert.deepEqual(P(job(p, 'voice-2')), { mode: 'dialogue', text: 'Line 2.', character: 'Tom', voice: 'en-us+m3', pitch: 35, rate: 160, duration: null });
    assert.equal(P(job(p, 'music')).duration, 3.5);
    assert.equal(P(job(p, 'edit')).duration, 3.5);
  });

  it('the edit follows `order`, then shot number; dialogue starts with its shot; output gets cues and keyframes', () => {
    const p = plan(film((d) => ((node(d, 'edit').params as any).order = ['video-3'])));
    const e = P(job(p, 'edit'));
    assert.deepEqual(e.clips.map((c: any) => [c.shotNumber, c.start, c.duration]), [[3, 0, 1], [1, 1, 1], [2, 2, 1.5]]);
    const voice2 = job(p, 'edit').inputs.find((i) => 'node' in i && i.node === 'voice-2')!;
    assert.equal(e.audio.find((a: any) => a.input === voice2.name).start, 2);
    assert.equal(e.audio.find((a: any) => a.mode === 'music').volume, 0.4);
    const o = P(job(p, 'output'));
    assert.deepEqual(o.cues.map((c: any) => [c.start, c.speaker, c.text]), [[0, 'Mara', 'Line 3.'], [1, 'Mara', 'Line 1.'], [2, 'Tom', 'Line 2.']]);
    assert.deepEqual(o.keyframes.map((k: any) => k.shotNumber), [3, 1, 2]);
  });

  it('crossfades overlap clips; a fade as long as a clip fails the edit and skips the output', () => {
    const fade = (s: number) => plan(film((d) => Object.assign(node(d, 'edit').params, { transition: 'crossfade', transitionDuration: s })));
    assert.deepEqual(P(job(fade(0.25), 'edit')).clips.map((c: any) => c.start), [0, 0.75, 2]);
    assert.equal(P(job(fade(0.25), 'edit')).duration, 3);
    const bad = fade(1);
    const edit = bad.entries.find((e) => e.state !== 'job' && e.node.id === 'edit');
    assert.match(edit && edit.state !== 'job' ? edit.reason : '', /^"edit" params\.transitionDuration: 1 s is not shorter than the shortest clip/);
    const out = bad.entries.find((e) => e.state !== 'job' && e.node.id === 'output');
    assert.deepEqual(out && out.state !== 'job' ? [out.state, out.reason] : [], ['skipped', 'upstream "edit" failed']);
    const music = bad.entries.find((e) => e.state !== 'job' && e.node.id === 'music');
    assert.deepEqual(music && music.state !== 'job' ? [music.state, music.reason] : [], ['skipped', 'its length comes from "edit", which failed']);
    assert.equal(bad.jobs.length, 9);
  });

  it('a node that cannot be planned fails with a reason; only what depends on it is skipped', () => {
    const mute = plan(film((d) => ((node(d, 'shot-1').params as any).dialogue = [])));
    const states: Record<string, [string, string]> = Object.fromEntries(mute.entries.flatMap((e) => (e.state === 'job' ? [] : [[e.node.id, [e.state, e.reason]]])));
    assert.deepEqual(Object.keys(states).sort(), ['edit', 'output', 'voice-1']);
    assert.equal(states['voice-1']![0], 'failed');
    assert.match(states['voice-1']![1], /^"voice-1" params\.text: nothing to say; give it a text, or give "Mara" a line in "shot-1"$/);
    assert.deepEqual(states.edit, ['skipped', 'upstream "voice-1" failed']);
    assert.deepEqual(states.output![0], 'skipped');
  });

  describe('a node missing an input it needs "needs input": not a failure, and says which input first', () => {
    const entries = (p: Plan) => Object.fromEntries(p.entries.flatMap((e) => (e.state === 'job' ? [] : [[e.node.id, [e.state, e.reason]]])));
    const cut = (from: string, to: string) => (d: BmadDocument) => (d.edges = d.edges.filter((e) => !(e.source === from && e.target === to)));

    it('a video with no keyframe, and what waits for it, need input; the rest still plans', () => {
      const p = plan(film(cut('image-1', 'video-1')));
      const s = entries(p);
      assert.deepEqual(Object.keys(s).sort(), ['edit', 'output', 'video-1']);
      assert.deepEqual(s['video-1'], ['needs-input', 'Keyframe: connect an image node to it']);
      assert.deepEqual(s.edit, ['needs-input', 'waits for "video-1" (Keyframe)']);
      assert.deepEqual(s.output, ['needs-input', 'waits for "video-1" (Keyframe)'], 'the chain is named by the node that lacks the input');
      assert.equal(p.jobs.length, 9);
    });

    it('an output with no cut needs its "Cut" input', () => {
      assert.deepEqual(entries(plan(film(cut('edit', 'output')))), { output: ['needs-input', 'Cut: connect an edit node to it'] });
    });

    it('an edit with no clips needs its "Clips" input; a bed fitted to it and the output wait for it', () => {
      const s = entries(plan(film((d) => (d.edges = d.edges.filter((e) => !(e.target === 'edit' && e.targetPort === 'video'))))));
      assert.deepEqual(s.edit, ['needs-input', 'Clips: connect video nodes to it']);
      assert.deepEqual(s.music, ['needs-input', 'waits for "edit" (Clips)']);
      assert.deepEqual(s.output, ['needs-input', 'waits for "edit" (Clips)']);
    });

    it('a line with no text needs a shot ("Shot") and a speaker ("Voice") before it has something to say', () => {
      const noShot = entries(plan(film(cut('shot-1', 'voice-1'))));
      assert.deepEqual(noShot['voice-1'], ['needs-input', 'Shot: connect a shot with lines for "Mara", or give it a text']);
      const noVoice = entries(plan(film(cut('mara', 'voice-1'))));
      assert.deepEqual(noVoice['voice-1'], ['needs-input', 'Voice: connect the character who speaks, or give it a text']);
    });
  });

  it('keys depend on content, not ids or labels: a renamed copy of the canvas has the same keys', () => {
    const a = film();
    const rename = (id: string) => `x_${id}`;
    const b: BmadDocument = {
      version: 1,
      nodes: a.nodes.map((n) => ({ ...n, id: rename(n.id), label: `copy of ${n.label}`, position: { x: 5, y: 5 } })),
      edges: a.edges.map((e) => ({ ...e, id: rename(e.id), source: rename(e.source), target: rename(e.target) })),
    };
    const keys = (p: Plan) => p.jobs.map((j) => j.key).sort();
    assert.deepEqual(keys(plan(b)), keys(plan(a)));
    const seeded = plan(film((d) => ((node(d, 'image-1').params as any).seed = 99)));
    const changed = plan(a).jobs.filter((j) => j.key !== job(seeded, j.node.id).key).map((j) => j.node.id).sort();
    assert.deepEqual(changed, ['image-1', 'output', 'video-1', 'edit'].sort());
  });

  it('absent optional wardrobe and props add nothing: the canvas text and every job key stay as they were', () => {
    const text = smallFilmCanvas(3);
    const a = film();
    assert.equal(serializeDocument(a), text, 'read and written again, no param appears');
    for (const n of a.nodes.filter((x) => x.kind === 'shot' || x.kind === 'character')) {
      assert.ok(!('wardrobe' in n.params) && !('props' in n.params), `${n.id} gets no default for them`);
    }
    // Set in the inspector, then emptied again: the unset param leaves no trace in the file or the keys.
    const set = setParams(a, 'shot-1', { wardrobe: [{ character: 'Mara', wardrobe: 'oilskin coat' }], props: ['lamp'] });
    assert.ok(set.ok);
    const unset = setParams(set.doc, 'shot-1', { wardrobe: null, props: null });
    assert.ok(unset.ok);
    assert.equal(serializeDocument(unset.doc), text);
    const keys = (p: Plan) => p.jobs.map((j) => `${j.node.id} ${j.key}`).sort();
    assert.deepEqual(keys(plan(unset.doc)), keys(plan(a)));
  });

  it('a node\'s own tier wins over the run\'s; names in 03_Renders are readable and unique', () => {
    const p = plan(film((d) => ((node(d, 'image-1').params as any).tier = 'high')));
    assert.equal(job(p, 'image-1').tier, 'high');
    assert.equal(job(p, 'image-2').tier, 'low');
    assert.deepEqual(p.jobs.map((j) => j.stem).sort(), ['cut', 'film', 'music', 'shot-01', 'shot-01-keyframe', 'shot-01-mara', 'shot-02', 'shot-02-keyframe', 'shot-02-tom', 'shot-03', 'shot-03-keyframe', 'shot-03-mara']);
  });
});
