import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeNode, parseConflictMarkers, parseDocument, serializeDocument } from '../../../core';
import { runBmad } from '../../unit/runner/bundles';
import { baseCanvas, CANVAS, commitEdit, git, gitStatus, mergeBranches, node, param, readCanvas } from './scenario';

/**
 * `git merge` of canvases through bmad's merge driver, in real repositories: a project made by
 * `bmad new` (which installs the drivers), its canvas replaced by one with fixed ids.
 */
describe('git merge of canvases through the bmad merge driver (real git)', function () {
  this.timeout(120_000);
  const made: string[] = [];
  after(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  /** A fresh project on its first branch, with the base canvas committed. */
  async function project(): Promise<string> {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'bmad-merge-'));
    made.push(parent);
    const dir = path.join(parent, 'film');
    const r = await runBmad(['new', dir, '--name', 'Merge'], parent);
    assert.equal(r.code, 0, r.stderr);
    fs.writeFileSync(path.join(dir, CANVAS), serializeDocument(baseCanvas()));
    git(dir, 'commit', '-qam', 'base canvas');
    return dir;
  }

  it('bmad new installs the drivers: attributes committed, the config naming this bmad', async () => {
    const dir = await project();
    assert.match(git(dir, 'show', 'HEAD:.gitattributes'), /^\*\.bmad merge=bmad diff=bmad$/m);
    assert.match(git(dir, 'config', 'merge.bmad.driver'), /cli\.js merge %O %A %B %P\n$/);
    assert.equal(git(dir, 'check-attr', 'merge', 'diff', '--', CANVAS), `${CANVAS}: merge: bmad\n${CANVAS}: diff: bmad\n`);
  });

  it('two branches edit different shots: the merge is clean, canonical, without markers', async () => {
    const dir = await project();
    const r = mergeBranches(dir, [{ type: 'setParams', id: 'n_shot1', params: { duration: 6 } }], [{ type: 'setParams', id: 'n_shot2', params: { framing: 'wide' } }]);
    assert.equal(r.code, 0, r.out);
    const text = fs.readFileSync(path.join(dir, CANVAS), 'utf8');
    assert.doesNotMatch(text, /^(<{7}|={7}|>{7})/m);
    const doc = readCanvas(dir);
    assert.equal(serializeDocument(doc), text, 'canonical text');
    assert.equal(param(doc, 'n_shot1', 'duration'), 6);
    assert.equal(param(doc, 'n_shot2', 'framing'), 'wide');
    assert.equal(git(dir, 'status', '--porcelain'), '');
  });

  it('the same param changed on both sides: git reports the conflict, the file reads and keeps both values', async () => {
    const dir = await project();
    const r = mergeBranches(dir, [{ type: 'setParams', id: 'n_shot1', params: { duration: 6 } }], [{ type: 'setParams', id: 'n_shot1', params: { duration: 9 } }]);
    assert.notEqual(r.code, 0);
    assert.match(r.out, /CONFLICT \(content\): Merge conflict in 02_Source_Creative\/main\.bmad/);
    assert.match(r.out, /1 conflict, kept in the file's "conflicts"/);
    assert.equal(git(dir, 'diff', '--name-only', '--diff-filter=U'), `${CANVAS}\n`);
    const doc = readCanvas(dir);
    assert.equal(param(doc, 'n_shot1', 'duration'), 6, 'the canvas holds ours');
    assert.deepEqual(doc.conflicts, [{ on: 'param', node: 'n_shot1', param: 'duration', base: 4, ours: 6, theirs: 9 }]);
  });

  it('bmad render and status refuse a canvas with unresolved conflicts, naming where they are', async () => {
    const dir = await project();
    mergeBranches(dir, [{ type: 'setParams', id: 'n_shot1', params: { duration: 6 } }], [{ type: 'setParams', id: 'n_shot1', params: { duration: 9 } }]);
    const text = fs.readFileSync(path.join(dir, CANVAS), 'utf8');
    const line = text.split('\n').findIndex((l) => l.includes('"on": "param"'));
    for (const command of ['render', 'status']) {
      const r = await runBmad([command], dir);
      assert.notEqual(r.code, 0, `${command} ran: ${r.stdout}`);
      const where = new RegExp(`main\\.bmad:${line}:\\d+: conflicts\\[0\\]: unresolved merge conflict \\(n_shot1 params\\.duration: base 4, ours 6, theirs 9\\)`);
      assert.match(r.stderr, where, `${command}: ${r.stderr}`);
    }
  });

  it('a node deleted on one side and changed on the other: a conflict that keeps the node', async () => {
    const dir = await project();
    const r = mergeBranches(dir, [{ type: 'remove', nodeIds: ['n_shot2'], edgeIds: [] }], [{ type: 'setParams', id: 'n_shot2', params: { action: 'She runs.' } }]);
    assert.notEqual(r.code, 0);
    const doc = readCanvas(dir);
    assert.equal(param(doc, 'n_shot2', 'action'), 'She runs.');
    assert.deepEqual(doc.conflicts?.map((c) => c.on === 'node' && [c.node, c.ours, c.theirs?.id]), [['n_shot2', null, 'n_shot2']]);
  });

  it('both sides add nodes, and a move against a param edit: clean', async () => {
    const dir = await project();
    const ours = [
      { type: 'insert' as const, nodes: [{ ...makeNode('shot', { x: 600, y: 0 }, 'Shot 3'), id: 'n_o' }], edges: [] },
      { type: 'move' as const, moves: [{ id: 'n_shot1', x: 320, y: 210 }] },
    ];
    const theirs = [
      { type: 'insert' as const, nodes: [{ ...makeNode('shot', { x: 900, y: 0 }, 'Shot 4'), id: 'n_t' }], edges: [] },
      { type: 'setParams' as const, id: 'n_shot1', params: { camera: 'pan-left' } },
    ];
    const r = mergeBranches(dir, ours, theirs);
    assert.equal(r.code, 0, r.out);
    const doc = readCanvas(dir);
    assert.ok(node(doc, 'n_o') && node(doc, 'n_t'));
    assert.deepEqual(node(doc, 'n_shot1')!.position, { x: 320, y: 210 });
    assert.equal(param(doc, 'n_shot1', 'camera'), 'pan-left');
  });

  it('without the driver (a clone where install-git never ran), git leaves markers that read as ours and theirs', async () => {
    const dir = await project();
    // A clone has the committed .gitattributes but not the config: git then merges as text.
    git(dir, 'config', '--remove-section', 'merge.bmad');
    const r = mergeBranches(dir, [{ type: 'setParams', id: 'n_shot1', params: { duration: 6 } }], [{ type: 'setParams', id: 'n_shot1', params: { duration: 9 } }]);
    assert.notEqual(r.code, 0);
    const text = fs.readFileSync(path.join(dir, CANVAS), 'utf8');
    assert.equal(parseDocument(text).ok, false, r.out + text);
    const sides = parseConflictMarkers(text);
    assert.ok(sides.ok, JSON.stringify(!sides.ok && sides.issues));
    assert.equal(param(sides.ours, 'n_shot1', 'duration'), 6);
    assert.equal(param(sides.theirs, 'n_shot1', 'duration'), 9);
  });

  it('bmad install-git sets up an existing repository, idempotently', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bmad-install-'));
    made.push(dir);
    git(dir, 'init', '-q');
    fs.mkdirSync(path.join(dir, 'sub'));
    fs.writeFileSync(path.join(dir, '.gitattributes'), '*.png filter=lfs');
    for (const round of [1, 2]) {
      const r = await runBmad(['install-git'], path.join(dir, 'sub'));
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, round === 1 ? /^added to / : /^already in /);
    }
    assert.equal(fs.readFileSync(path.join(dir, '.gitattributes'), 'utf8'), '*.png filter=lfs\n*.bmad merge=bmad diff=bmad\n');
    assert.match(git(dir, 'config', 'diff.bmad.textconv'), / show\n$/);
    const custom = await runBmad(['install-git', '--command', 'bmad'], dir);
    assert.equal(custom.code, 0, custom.stderr);
    assert.equal(git(dir, 'config', 'merge.bmad.driver'), 'bmad merge %O %A %B %P\n');
    const outside = await runBmad(['install-git'], os.tmpdir());
    assert.equal(outside.code, 1);
    assert.match(outside.stderr, /^bmad install-git: not in a git repository/);
  });

  it('a side that is not a canvas falls back to git\'s text merge, with markers', async () => {
    const dir = await project();
    git(dir, 'checkout', '-qb', 'broken');
    fs.writeFileSync(path.join(dir, CANVAS), fs.readFileSync(path.join(dir, CANVAS), 'utf8').replace('"duration": 4', '"duration": "four"'));
    git(dir, 'commit', '-qam', 'broken');
    git(dir, 'checkout', '-q', '-');
    commitEdit(dir, 'ours', { type: 'setParams', id: 'n_shot1', params: { duration: 6 } });
    const r = gitStatus(dir, 'merge', '--no-edit', 'broken');
    assert.notEqual(r.code, 0);
    assert.match(r.out, /a side is not a canvas I can read, so git's text merge decides/);
    assert.match(fs.readFileSync(path.join(dir, CANVAS), 'utf8'), /^<<<<<<< ours$/m);
  });
});
