import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  applyOp, parseDocument, serializeDocument, type BmadDocument, type Op,
} from '../../../core';

/** Scenario repositories for the git driver tests: real git, a canvas with fixed ids, branches edited by ops. */

export const CANVAS = '02_Source_Creative/main.bmad';

export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8' });
}

/** Runs git and returns its exit status and output, for commands expected to fail (a conflicted merge). */
export function gitStatus(dir: string, ...args: string[]): { code: number | null; out: string } {
  const r = spawnSync('git', args, { cwd: dir, encoding: 'utf8' });
  return { code: r.status, out: r.stdout + r.stderr };
}

export { baseCanvas } from '../../unit/canvasEdits';

export function readCanvas(dir: string): BmadDocument {
  const r = parseDocument(fs.readFileSync(path.join(dir, CANVAS), 'utf8'));
  assert.ok(r.ok, `the canvas does not parse: ${JSON.stringify(!r.ok && r.issues)}`);
  return r.doc;
}

/** Applies ops to the canvas on the current branch and commits it. */
export function commitEdit(dir: string, message: string, ...ops: Op[]): void {
  let doc = readCanvas(dir);
  for (const op of ops) {
    const r = applyOp(doc, op);
    if (!r.ok) throw new Error(r.message);
    doc = r.doc;
  }
  fs.writeFileSync(path.join(dir, CANVAS), serializeDocument(doc));
  git(dir, 'commit', '-qam', message);
}

/**
 * Two branches from the base canvas: `ours` (checked out at the end) and `theirs`, each with its edits.
 * Returns the result of `git merge theirs` on ours.
 */
export function mergeBranches(dir: string, ours: Op[], theirs: Op[]): { code: number | null; out: string } {
  const main = git(dir, 'branch', '--show-current').trim();
  git(dir, 'checkout', '-qb', `theirs-${Date.now()}`);
  const theirsBranch = git(dir, 'branch', '--show-current').trim();
  if (theirs.length) commitEdit(dir, 'theirs', ...theirs);
  git(dir, 'checkout', '-q', main);
  if (ours.length) commitEdit(dir, 'ours', ...ours);
  return gitStatus(dir, 'merge', '--no-edit', theirsBranch);
}

export const node = (doc: BmadDocument, id: string) => doc.nodes.find((n) => n.id === id);
export const param = (doc: BmadDocument, id: string, key: string) => (node(doc, id)?.params as Record<string, unknown> | undefined)?.[key];
