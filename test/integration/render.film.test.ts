import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { TIER_FORMATS } from '../../core/contract';
import { planCanvas } from '../../runner/plan/plan';
import { loadCanvas, openProject } from '../../runner/project';
import { bmad, editCanvas, ffprobe, filmProject, hashTree, jsonLines, ranNodes, removeAfterSuccess } from './render/harness';

/**
 * The regenerative promise end to end, with the real CLI, the real preview pipelines and ffmpeg:
 * render → a watchable MP4; render again → nothing runs; change one shot → only its jobs and the cut
 * run; delete cache and renders → `regenerate` brings back the same bytes. One project, in order.
 */
describe('render: a film from its canvas (real pipelines)', function () {
  this.timeout(15 * 60_000);
  let dir = '';
  let canvas = '';
  let jobs = 0;
  removeAfterSuccess(this, () => [dir]);

  before(async () => {
    const film = await filmProject();
    dir = film.dir;
    const project = openProject(dir);
    canvas = project.manifest.canvases[0]!;
  });

  it('renders the film at low tier: H.264 + AAC, 854×480, duration within 5% of the edit', async () => {
    const r = await bmad(['render', '--fallback', 'preview', '--tier', 'low', '--json'], dir);
    assert.equal(r.code, 0, r.stderr + r.stdout.slice(-2000));
    const summary = jsonLines(r.stdout).find((e) => e.type === 'summary')!;
    assert.equal(summary.ok, true);
    const plan = planCanvas(dir, canvas, loadCanvas(openProject(dir), canvas), { tier: 'low' });
    jobs = plan.jobs.length;
    assert.equal(summary.ran.length, jobs);
    const edit = plan.jobs.find((j) => j.kind === 'edit')!;
    const film = path.join(dir, summary.films[0]);
    const probe = ffprobe(film);
    const video = probe.streams.find((s) => s.codec_type === 'video')!;
    const audio = probe.streams.find((s) => s.codec_type === 'audio')!;
    assert.equal(video.codec_name, 'h264');
    assert.equal(audio.codec_name, 'aac');
    assert.equal(video.width, TIER_FORMATS.low.width);
    assert.equal(video.height, TIER_FORMATS.low.height);
    const want = (edit.params as { duration: number }).duration;
    const got = Number(probe.format.duration);
    assert.ok(Math.abs(got - want) <= want * 0.05, `film is ${got} s, the edit says ${want} s`);
    assert.ok(fs.existsSync(film.replace(/\.mp4$/, '-contact-sheet.png')));
    assert.ok(fs.readFileSync(path.join(dir, 'render.lock'), 'utf8').includes('"preview.output@1"'));
  });

  it('a second render runs no job and leaves render.lock byte-identical', async () => {
    const lock = fs.readFileSync(path.join(dir, 'render.lock'));
    const r = await bmad(['render', '--fallback', 'preview', '--json'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(ranNodes(r.stdout), []);
    assert.equal(jsonLines(r.stdout).filter((e) => e.type === 'cached').length, jobs);
    assert.deepEqual(fs.readFileSync(path.join(dir, 'render.lock')), lock);
  });

  it("changing one shot's prompt re-renders exactly that shot's jobs and the cut", async () => {
    const doc = JSON.parse(fs.readFileSync(path.join(dir, canvas), 'utf8'));
    const into = (id: string, kind: string) => doc.edges.filter((e: any) => e.source === id).map((e: any) => doc.nodes.find((n: any) => n.id === e.target)).filter((n: any) => n.kind === kind);
    const image = doc.nodes.filter((n: any) => n.kind === 'image').sort((a: any, b: any) => (a.id < b.id ? -1 : 1))[1];
    const videos = into(image.id, 'video');
    const edits = videos.flatMap((v: any) => into(v.id, 'edit'));
    const outputs = [...into(image.id, 'output'), ...edits.flatMap((e: any) => into(e.id, 'output'))];
    const expected = [...new Set([image, ...videos, ...edits, ...outputs].map((n: any) => n.id as string))].sort();
    editCanvas(dir, canvas, (d) => {
      d.nodes.find((n: any) => n.id === image.id).params.prompt += ', rain on the glass';
    });
    const status = jsonLines((await bmad(['status', '--json'], dir)).stdout);
    assert.deepEqual(status.filter((s) => s.state === 'stale').map((s) => s.node).sort(), expected);
    const r = await bmad(['render', '--fallback', 'preview', '--json'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(ranNodes(r.stdout), expected);
  });

  it('deleting the cache and 03_Renders, `bmad regenerate` restores byte-identical files', async () => {
    const before = hashTree(path.join(dir, '03_Renders'));
    const lock = fs.readFileSync(path.join(dir, 'render.lock'));
    assert.ok(before.size > jobs);
    fs.rmSync(path.join(dir, '.bmad-cache'), { recursive: true });
    fs.rmSync(path.join(dir, '03_Renders'), { recursive: true });
    const r = await bmad(['regenerate'], dir);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    assert.match(r.stdout, /all \d+ outputs byte-identical to render\.lock/);
    assert.deepEqual(hashTree(path.join(dir, '03_Renders')), new Map([...before].filter(([f]) => f !== '.gitkeep')));
    assert.deepEqual(fs.readFileSync(path.join(dir, 'render.lock')), lock);
    const status = jsonLines((await bmad(['status', '--json'], dir)).stdout);
    assert.ok(status.every((s) => s.state === 'fresh'), JSON.stringify(status.filter((s) => s.state !== 'fresh')));
  });

  it('regenerate exits 1 naming the node when a rebuilt output differs from render.lock', async () => {
    const lockFile = path.join(dir, 'render.lock');
    const lock = JSON.parse(fs.readFileSync(lockFile, 'utf8'));
    const nodes = lock.canvases[canvas].nodes;
    const id = Object.keys(nodes).find((k) => nodes[k].kind === 'image')!;
    nodes[id].outputs[0].sha256 = '0'.repeat(64);
    fs.writeFileSync(lockFile, JSON.stringify(lock));
    const r = await bmad(['regenerate', '--node', id], dir);
    assert.equal(r.code, 1);
    assert.match(r.stderr, new RegExp(`${id}: .*rebuilt bytes differ`));
  });
});
