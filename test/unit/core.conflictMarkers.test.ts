import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { insert, makeNode, parseConflictMarkers, serializeDocument, setParams, type BmadDocument } from '../../core';

function doc(): BmadDocument {
  const nodes = [1, 2].map((i) => ({ ...makeNode('shot', { x: 0, y: i * 300 }, `Shot ${i}`), id: `n_shot${i}` }));
  const r = insert({ version: 1, nodes: [], edges: [] }, nodes, []);
  assert.ok(r.ok);
  return r.doc;
}
const set = (d: BmadDocument, id: string, params: Record<string, unknown>) => {
  const r = setParams(d, id, params);
  assert.ok(r.ok);
  return r.doc;
};

/** What git's own text merge writes: `git merge-file`, the real thing, with or without diff3. */
function gitMerge(base: BmadDocument, ours: BmadDocument, theirs: BmadDocument, diff3: boolean): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bmad-markers-'));
  const files = { ours: path.join(dir, 'ours'), base: path.join(dir, 'base'), theirs: path.join(dir, 'theirs') };
  fs.writeFileSync(files.ours, serializeDocument(ours));
  fs.writeFileSync(files.base, serializeDocument(base));
  fs.writeFileSync(files.theirs, serializeDocument(theirs));
  const args = ['merge-file', '-p', ...(diff3 ? ['--diff3'] : []), '-L', 'HEAD', '-L', 'base', '-L', 'feature', files.ours, files.base, files.theirs];
  try {
    execFileSync('git', args, { encoding: 'utf8' });
    assert.fail('expected git to report a conflict');
  } catch (e) {
    return (e as { stdout: string }).stdout;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('core conflictMarkers: a canvas with git conflict markers read as its sides', () => {
  const base = doc();
  const ours = set(base, 'n_shot1', { duration: 6 });
  const theirs = set(base, 'n_shot1', { duration: 9 });

  it('plain markers give ours and theirs, each the document that side wrote', () => {
    const text = gitMerge(base, ours, theirs, false);
    assert.match(text, /^<<<<<<< HEAD$/m);
    const r = parseConflictMarkers(text);
    assert.ok(r.ok, JSON.stringify(!r.ok && r.issues));
    assert.equal(serializeDocument(r.ours), serializeDocument(ours));
    assert.equal(serializeDocument(r.theirs), serializeDocument(theirs));
    assert.equal(r.base, undefined);
  });

  it('diff3 markers give the base too', () => {
    const r = parseConflictMarkers(gitMerge(base, ours, theirs, true));
    assert.ok(r.ok, JSON.stringify(!r.ok && r.issues));
    assert.equal(serializeDocument(r.base!), serializeDocument(base));
    assert.equal(serializeDocument(r.theirs), serializeDocument(theirs));
  });

  it('markers out of order, an unclosed block, or a side that is not a canvas: located errors', () => {
    const text = gitMerge(base, ours, theirs, false);
    const lines = text.split('\n');
    const close = lines.findIndex((l) => l.startsWith('>>>>>>>'));
    const unclosed = parseConflictMarkers(lines.filter((_, i) => i !== close).join('\n'));
    const open = lines.findIndex((l) => l.startsWith('<<<<<<<')) + 1;
    assert.deepEqual(!unclosed.ok && unclosed.issues.map((i) => [i.line, i.message]), [[open, `the conflict block opened at line ${open} is not closed with '>>>>>>>'`]]);
    const stray = parseConflictMarkers('{\n=======\n}\n');
    assert.deepEqual(!stray.ok && stray.issues.map((i) => [i.line, i.message]), [[2, "conflict marker '=======' where '<<<<<<<' was expected"]]);
    const sep = lines.findIndex((l) => l.startsWith('======='));
    const broken = [...lines];
    broken[sep - 1] = broken[sep - 1]!.replace(/6,?$/, 'six,');
    const bad = parseConflictMarkers(broken.join('\n'));
    assert.ok(!bad.ok);
    assert.equal(bad.issues[0]!.line, sep, 'the error is on the line of the original file');
    assert.match(bad.issues[0]!.message, /^ours side: /);
    const none = parseConflictMarkers(serializeDocument(base));
    assert.deepEqual(!none.ok && none.issues.map((i) => i.message), ['no git conflict markers in this file']);
  });
});
