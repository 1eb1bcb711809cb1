import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NODE_KINDS, serializeDocument, type BmadNode } from '../../core';
import { writeProjectTemplate } from '../../runner/newProject/template';
import { runBmad } from './runner/bundles';

/** The built `bmad` on inputs that must be refused with a clear line (no pipeline runs here). */
describe('bmad CLI: arguments and projects are checked first', function () {
  this.timeout(60_000);
  let dir = '';
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bmad-cli-'));
    await writeProjectTemplate(dir, { name: 'Checks', defaultTier: 'low' });
  });

  it('refuses a bad option value, naming the option and the choices', async () => {
    const r = await runBmad(['render', '--tier', 'ultra'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^bmad render: --tier: expected one of low, standard, high, got "ultra"/);
    const both = await runBmad(['takes', 'n_1', '--add', '2', '--choose', '5'], dir);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /--choose: use --add or --choose, not both/);
    const jobs = await runBmad(['render', '-j', 'many'], dir);
    assert.match(jobs.stderr, /--jobs: expected a whole number/);
  });

  it('outside a project, says where it looked and what to do', async () => {
    const r = await runBmad(['status'], os.tmpdir());
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^bmad status: no project\.json in .* or any folder above it; run `bmad new <dir>`/);
  });

  it('a broken canvas stops render and status with located problems', async () => {
    const canvas = path.join(dir, '02_Source_Creative/main.bmad');
    const good = fs.readFileSync(canvas, 'utf8');
    fs.writeFileSync(canvas, good.replace('"seed": 1,', '"seed": -1,'));
    for (const cmd of ['render', 'status']) {
      const r = await runBmad([cmd], path.join(dir, '03_Renders'));
      assert.equal(r.code, 1);
      assert.match(r.stderr, new RegExp(`^bmad ${cmd}: 02_Source_Creative/main\\.bmad:\\d+:\\d+: nodes\\[\\d\\]\\.params\\.seed: must be at least 0`));
    }
    fs.writeFileSync(canvas, good);
  });

  it('an unknown node or canvas is named', async () => {
    const node = await runBmad(['render', '--node', 'n_nothere'], dir);
    assert.equal(node.code, 1);
    assert.match(node.stderr, /no generating node "n_nothere" in 02_Source_Creative\/main\.bmad/);
    const canvas = await runBmad(['render', 'other'], dir);
    assert.match(canvas.stderr, /no canvas "other"/);
    const regen = await runBmad(['regenerate'], dir);
    assert.match(regen.stderr, /render\.lock names no outputs; run `bmad render` first/);
  });

  it('a node missing an input is counted apart from failures: status "needs-input", render "incomplete"', async () => {
    const canvas = path.join(dir, '02_Source_Creative/main.bmad');
    const good = fs.readFileSync(canvas, 'utf8');
    const clip = { id: 'n_clip', kind: 'video', label: 'Clip', position: { x: 0, y: 0 }, params: { ...NODE_KINDS.video.defaults() } };
    fs.writeFileSync(canvas, serializeDocument({ version: 1, nodes: [clip as BmadNode], edges: [] }));
    try {
      const status = await runBmad(['status'], dir);
      assert.equal(status.code, 0, status.stderr);
      assert.match(status.stdout, /○ needs-input video\s+n_clip\s+Keyframe: connect an image node to it$/m);
      assert.match(status.stdout, /0 fresh, 0 stale, 0 missing, 1 needs-input, 0 error/);
      const render = await runBmad(['render'], dir);
      assert.equal(render.code, 1, 'the canvas did not render whole');
      assert.match(render.stdout, /^incomplete: 0 rendered, 0 cached, 1 needs input$/m);
      assert.match(render.stderr, /○ 02_Source_Creative\/main\.bmad "Clip" \(n_clip\) needs input — Keyframe: connect an image node to it$/m);
    } finally {
      fs.writeFileSync(canvas, good);
    }
  });

  it('`bmad new` refuses a folder that is not empty', async () => {
    const r = await runBmad(['new', dir, '--no-git'], os.tmpdir());
    assert.equal(r.code, 1);
    assert.match(r.stderr, /is not empty\. Choose an empty folder/);
    const fresh = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bmad-new-')), 'film');
    const ok = await runBmad(['new', fresh, '--no-git', '--name', 'A Film', '--tier', 'standard'], os.tmpdir());
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(JSON.parse(fs.readFileSync(path.join(fresh, 'project.json'), 'utf8')).defaultTier, 'standard');
  });
});
