import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applyOp, emptyDocument, makeNode, parseDocument, serializeDocument, type Op } from '../../../core';
import { canvasAt, canvasCommits, localBranches } from '../../../runner/git/canvasHistory';

const git = (dir: string, ...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });

describe('canvas history from real git', () => {
  let dir: string;
  let file: string;
  const edit = (op: Op, message: string) => {
    const r = parseDocument(fs.readFileSync(file, 'utf8'));
    if (!r.ok) throw new Error('does not parse');
    const next = applyOp(r.doc, op);
    if (!next.ok) throw new Error(next.message);
    fs.writeFileSync(file, serializeDocument(next.doc));
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', message);
  };

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bmad-history-'));
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'config', 'user.email', 't@example.com');
    git(dir, 'config', 'user.name', 'T');
    fs.mkdirSync(path.join(dir, 'canvases'));
    file = path.join(dir, 'canvases', 'film.bmad');
    fs.writeFileSync(file, serializeDocument(emptyDocument()));
    edit({ type: 'insert', nodes: [{ ...makeNode('shot', { x: 0, y: 0 }, 'Shot 1'), id: 'n_a' }], edges: [] }, 'first shot');
    fs.writeFileSync(path.join(dir, 'other.txt'), 'not the canvas\n');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'unrelated');
    edit({ type: 'setParams', id: 'n_a', params: { duration: 8 } }, 'longer shot');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lists only the commits that touched the canvas, newest first, each with what it changed', async () => {
    const commits = await canvasCommits(file);
    assert.deepEqual(commits.map((c) => [c.subject, c.summary]), [['longer shot', '1 shot changed'], ['first shot', '1 shot added']]);
  });

  it('reads the canvas at a commit, and as empty before it existed', async () => {
    const [latest, first] = await canvasCommits(file);
    const at = await canvasAt(file, first!.hash);
    assert.ok(at.ok);
    assert.deepEqual(at.doc.nodes.map((n) => [n.id, (n.params as { duration: number }).duration !== 8]), [['n_a', true]]);
    const parent = await canvasAt(file, `${first!.hash}^`);
    assert.deepEqual(parent.ok && parent.doc.nodes, []);
    const now = await canvasAt(file, latest!.hash);
    assert.equal(now.ok && (now.doc.nodes[0]!.params as { duration: number }).duration, 8);
  });

  it('says which revision git cannot read', async () => {
    fs.writeFileSync(file, '{ broken');
    git(dir, 'commit', '-qam', 'broken');
    const r = await canvasAt(file, 'HEAD');
    assert.ok(!r.ok && /film\.bmad at HEAD does not read as a canvas/.test(r.message), JSON.stringify(r));
    git(dir, 'reset', '-q', '--hard', 'HEAD~1');
  });

  it('lists the local branches, the current one first', async () => {
    git(dir, 'branch', 'alt');
    assert.deepEqual(await localBranches(file), ['main', 'alt']);
  });
});
