import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { emptyCanvasText, writeProjectTemplate } from '../../runner/newProject/template';
import { runBmad } from '../unit/runner/bundles';

/**
 * Temporaries a killed run left (`.tmp-<pid>-<hex>-<name>` of a pid that is gone) are swept when the
 * next render takes the project lock, in every folder the engine writes atomically: the project root
 * (render.lock), 03_Renders/<canvas>/ and its takes/, the canvas's folder, and the cache. Nothing else:
 * not a person's file that looks similar, not a live writer's temporary, not a folder the engine does
 * not write to, not through a link. The real CLI on real files.
 */
describe('temporaries of a killed run are swept where the engine writes, and only ours (real CLI)', function () {
  this.timeout(60_000);
  let dir = '';
  let outside = '';

  before(async () => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'bmad-sweep-'));
    dir = path.join(base, 'film');
    outside = path.join(base, 'outside');
    fs.mkdirSync(outside);
    await writeProjectTemplate(dir, { name: 'Sweep', defaultTier: 'low' });
    fs.writeFileSync(path.join(dir, '02_Source_Creative/main.bmad'), emptyCanvasText());
  });

  after(() => fs.rmSync(path.dirname(dir), { recursive: true, force: true }));

  it('sweeps the dead writer\'s temporaries in the root, 03_Renders, the canvas folder and the cache; keeps the rest', async () => {
    const dead = (name: string) => `.tmp-999999999-0badc0de-${name}`;
    const swept = [
      dead('render.lock'),
      `03_Renders/main/${dead('film.mp4')}`,
      `03_Renders/main/takes/${dead('shot-01.seed-7.mp4')}`,
      `02_Source_Creative/${dead('main.bmad')}`,
      `.bmad-cache/${dead('renders.json')}`,
      `.bmad-cache/${dead('render.pid')}`,
      `.bmad-cache/jobs/${dead('a.json')}`,
      `.bmad-cache/objects/ab/${dead('ab12')}`,
    ];
    const kept = [
      '.tmp-notes.txt',
      `03_Renders/main/.tmp-${process.pid}-0badc0de-film.mp4`, // a live writer (this test) is mid-write
      '03_Renders/main/.tmp-take-2.mp4',
      `01_Assets/${dead('photo.png')}`, // the engine never writes in 01_Assets
    ];
    for (const f of [...swept, ...kept]) {
      fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
      fs.writeFileSync(path.join(dir, f), 'x');
    }
    fs.writeFileSync(path.join(outside, dead('film.mp4')), 'not the project\'s');
    fs.symlinkSync(outside, path.join(dir, '03_Renders/elsewhere'));

    const r = await runBmad(['render', '--fallback', 'preview'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(swept.filter((f) => fs.existsSync(path.join(dir, f))), [], 'left behind');
    assert.deepEqual(kept.filter((f) => !fs.existsSync(path.join(dir, f))), [], 'removed though not a dead writer\'s temporary of ours');
    assert.ok(fs.existsSync(path.join(outside, dead('film.mp4'))), 'the sweep followed a link out of the project');
  });
});
