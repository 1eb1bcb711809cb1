import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bmad, editCanvas, jsonLines, removeAfterSuccess } from './render/harness';
import { smallFilmProject } from './render/smallFilm';

const CANVAS = '02_Source_Creative/main.bmad';

/** Failures are contained and explained: by the pipeline (BAD_PARAMS) and by the planner (paths). */
describe('render: failures name the node and the reason (real pipelines)', function () {
  this.timeout(10 * 60_000);
  const dirs: string[] = [];
  removeAfterSuccess(this, () => dirs);

  it('a pipeline failing with BAD_PARAMS fails that node; its dependents skip; the rest finish', async () => {
    const dir = await smallFilmProject(3);
    dirs.push(dir);
    // Tom speaks in shot 2; eSpeak has no such language, which the speech pipeline reports as BAD_PARAMS.
    editCanvas(dir, CANVAS, (d) => {
      d.nodes.find((n: any) => n.id === 'tom').params.voice = 'xx-nowhere';
    });
    const r = await bmad(['render', '--fallback', 'preview', '--json'], dir);
    assert.equal(r.code, 1);
    const events = jsonLines(r.stdout);
    const failed = events.filter((e) => e.type === 'failed');
    assert.deepEqual(failed.map((e) => [e.node, e.code]), [['voice-2', 'BAD_PARAMS']]);
    assert.match(failed[0]!.message, /voice/);
    const skipped = events.filter((e) => e.type === 'skipped');
    assert.deepEqual(skipped.map((e) => e.node).sort(), ['edit', 'output']);
    assert.match(skipped.find((e) => e.node === 'edit')!.reason, /upstream "voice-2" \(voice-2\) failed \(BAD_PARAMS\)/);
    const done = events.filter((e) => e.type === 'done').map((e) => e.node).sort();
    assert.deepEqual(done, ['image-1', 'image-2', 'image-3', 'music', 'video-1', 'video-2', 'video-3', 'voice-1', 'voice-3']);
    const lock = JSON.parse(fs.readFileSync(path.join(dir, 'render.lock'), 'utf8'));
    assert.deepEqual(Object.keys(lock.canvases[CANVAS].nodes).sort(), done, 'finished nodes are recorded even though the render failed');

    // In text mode the message names the node and the pipeline's reason; only the failed job runs again.
    const text = await bmad(['render', '--fallback', 'preview'], dir);
    assert.equal(text.code, 1);
    assert.match(text.stderr, /✗ "voice-2" \(voice-2\): BAD_PARAMS: params\.voice: .*xx-nowhere/);
    assert.match(text.stdout, /0 rendered, 9 cached, 1 failed, 2 skipped/);
  });

  it('refuses asset paths that leave the project: .., absolute, and a symlink pointing out', async () => {
    const dir = await smallFilmProject(1);
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'bmad-outside-'));
    dirs.push(dir, outside);
    fs.writeFileSync(path.join(outside, 'secret.png'), 'not yours');
    fs.symlinkSync(path.join(outside, 'secret.png'), path.join(dir, '01_Assets/link.png'));
    fs.writeFileSync(path.join(dir, '01_Assets/mara.png'), 'a reference image');
    const cases: [string, RegExp][] = [
      ['../outside.png', /"\.\.\/outside\.png" leaves the project/],
      [path.join(outside, 'secret.png'), /is an absolute path/],
      ['01_Assets/link.png', /is a link to .*secret\.png, outside the project/],
    ];
    for (const [ref, why] of cases) {
      editCanvas(dir, CANVAS, (d) => {
        d.nodes.find((n: any) => n.id === 'mara').params.reference = ref;
      });
      const r = await bmad(['render', '--fallback', 'preview', '--node', 'image-1'], dir);
      assert.equal(r.code, 1, ref);
      assert.match(r.stderr, /"image-1" \(image-1\): "mara" params\.reference: /);
      assert.match(r.stderr, why);
      assert.ok(!fs.existsSync(path.join(dir, '.bmad-cache/objects')), 'nothing may be read from outside');
    }
    editCanvas(dir, CANVAS, (d) => {
      d.nodes.find((n: any) => n.id === 'mara').params.reference = '01_Assets/mara.png';
      d.nodes.find((n: any) => n.id === 'script').params.file = '../../etc/passwd';
    });
    const status = jsonLines((await bmad(['status', '--json'], dir)).stdout);
    // Every job reached through the script fails naming it; the rest are blocked by those.
    const errors = status.filter((s) => s.state === 'error');
    const direct = errors.filter((s) => !/^(upstream |its length comes from )/.test(s.reason));
    assert.deepEqual(direct.map((s) => s.node).sort(), ['edit', 'image-1', 'video-1', 'voice-1']);
    assert.ok(direct.every((s) => /^"script" params\.file: "\.\.\/\.\.\/etc\/passwd" leaves the project/.test(s.reason)), JSON.stringify(direct));
    assert.equal(errors.length, status.length, 'nothing plans while the script points outside');
  });
});
