import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serializeDocument } from '../../../core';
import { runBmad } from '../../unit/runner/bundles';
import { baseCanvas, CANVAS, commitEdit, git } from './scenario';

/** `bmad diff`, `bmad show`, and git's diff and log through the drivers, on a real repository. */
describe('bmad diff and git diff of canvases (real git)', function () {
  this.timeout(120_000);
  let parent = '';
  let dir = '';
  before(async () => {
    parent = fs.mkdtempSync(path.join(os.tmpdir(), 'bmad-diff-'));
    dir = path.join(parent, 'film');
    assert.equal((await runBmad(['new', dir], parent)).code, 0);
    fs.writeFileSync(path.join(dir, CANVAS), serializeDocument(baseCanvas()));
    git(dir, 'commit', '-qam', 'base canvas');
    commitEdit(
      dir,
      'edit shots',
      { type: 'setParams', id: 'n_shot1', params: { duration: 6 } },
      { type: 'setParams', id: 'n_shot2', params: { framing: 'wide' } },
      { type: 'remove', nodeIds: [], edgeIds: ['e_s1', 'e_s2'] },
    );
    // And an uncommitted change on top, for `git diff` and `bmad diff FILE`.
    const text = fs.readFileSync(path.join(dir, CANVAS), 'utf8');
    fs.writeFileSync(path.join(dir, CANVAS), text.replace('"label": "Look"', '"label": "Noir"'));
  });
  after(() => fs.rmSync(parent, { recursive: true, force: true }));

  it('bmad diff REV:PATH REV:PATH prints the summary and the param-level changes', async () => {
    const r = await runBmad(['diff', `HEAD~1:${CANVAS}`, `HEAD:${CANVAS}`], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stdout,
      [
        '2 shots changed, 2 edges removed',
        '~ "Shot 1" (shot n_shot1)',
        '    params.duration: 4 → 6',
        '~ "Shot 2" (shot n_shot2)',
        '    params.framing: "medium" → "wide"',
        '- edge e_s1: "Scene 1".scene → "Shot 1".scene',
        '- edge e_s2: "Scene 1".scene → "Shot 2".scene',
        '',
      ].join('\n'),
    );
  });

  it('bmad diff FILE compares HEAD with the working file, from a subfolder too; --json has every change', async () => {
    const sub = path.join(dir, '02_Source_Creative');
    const r = await runBmad(['diff', 'main.bmad', '--json'], sub);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { summary: string; nodes: unknown[] };
    assert.equal(out.summary, '1 style changed');
    assert.deepEqual(out.nodes, [{ status: 'changed', id: 'n_look', kind: 'style', label: 'Noir', labelBefore: 'Look', params: [] }]);
  });

  it('a bad revision or a broken file is one clear line', async () => {
    const rev = await runBmad(['diff', `nosuchrev:${CANVAS}`, CANVAS], dir);
    assert.equal(rev.code, 1);
    assert.match(rev.stderr, /^bmad diff: nosuchrev:02_Source_Creative\/main\.bmad: not a file, and git cannot read it as REV:PATH \(/);
    fs.writeFileSync(path.join(parent, 'bad.bmad'), '{"version": 1, "nodes": [], "edges": [}\n');
    const bad = await runBmad(['diff', 'bad.bmad', path.join(dir, CANVAS)], parent);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /^bmad diff: bad\.bmad:1:\d+: /);
  });

  it('git diff shows the summary through the diff driver; git log -p shows each version through textconv', () => {
    assert.equal(
      git(dir, 'diff', '--', CANVAS),
      [`bmad diff a/${CANVAS} b/${CANVAS}`, '1 style changed', '~ "Noir" (style n_look)', '    label: "Look" → "Noir"', ''].join('\n'),
    );
    const log = git(dir, 'log', '-p', '-1', '--format=%s', '--', CANVAS);
    assert.match(log, /^-4 nodes \(1 scene, 2 shots, 1 style\), 2 edges$/m);
    assert.match(log, /^\+4 nodes \(1 scene, 2 shots, 1 style\), 0 edges$/m);
    assert.match(log, /^-    duration: 4$/m);
    assert.match(log, /^\+    duration: 6$/m);
    assert.match(log, /^-edge e_s1: "Scene 1"\.scene → "Shot 1"\.scene$/m);
  });

  it('bmad show prints a canvas as a listing', async () => {
    const r = await runBmad(['show', `HEAD:${CANVAS}`], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^4 nodes \(1 scene, 2 shots, 1 style\), 0 edges\n\n"Look" \(style n_look\) at \(0, 400\)\n/);
  });
});
