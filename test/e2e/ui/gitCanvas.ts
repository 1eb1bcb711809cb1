// What the merge and compare UI tests build their git repositories from.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { applyOp, insert, makeEdge, makeNode, serializeDocument, type BmadDocument, type Op } from '../../../core';
import { until } from './session';

export const git = (dir: string, ...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** A scene and two shots with fixed ids, so each side of a history can name what it changes. */
export function baseCanvas(): BmadDocument {
  const nodes = [
    { ...makeNode('scene', { x: 0, y: 0 }, 'Scene 1'), id: 'n_scene' },
    ...[1, 2].map((i) => ({ ...makeNode('shot', { x: 320, y: i * 200 }, `Shot ${i}`), id: `n_shot${i}` })),
  ];
  const edges = [1, 2].map((i) => ({ ...makeEdge('n_scene', 'scene', `n_shot${i}`, 'scene'), id: `e_s${i}` }));
  const r = insert({ version: 1, nodes: [], edges: [] }, nodes, edges);
  if (!r.ok) throw new Error(r.message);
  return r.doc;
}

/**
 * A new repository `name` in `workspace` whose one commit (`message`) holds `name.bmad` as
 * baseCanvas(); then the working file is that canvas after `edit`, not committed.
 */
export function committedCanvas(workspace: string, name: string, edit: Op, message = 'the base cut'): { file: string; dir: string; edited: BmadDocument } {
  const dir = path.join(workspace, name);
  fs.mkdirSync(dir);
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.email', 'e2e@example.com');
  git(dir, 'config', 'user.name', 'E2E');
  const file = path.join(dir, `${name}.bmad`);
  const base = baseCanvas();
  fs.writeFileSync(file, serializeDocument(base));
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', message);
  const edited = applyOp(base, edit);
  if (!edited.ok) throw new Error(edited.message);
  fs.writeFileSync(file, serializeDocument(edited.doc));
  return { file, dir, edited: edited.doc };
}

/**
 * Waits for `probe` (something VS Code's git shows about the repository `dir`). Git finds a
 * repository made after it started only through its file watcher on `.git`; one made while its first
 * scan runs can go unseen until `.git` changes again, so `.git/HEAD` is touched now and then.
 */
export async function untilGitShows<T>(dir: string, what: string, probe: () => Promise<T | undefined | false>): Promise<T> {
  let touched = Date.now();
  return until(what, async () => {
    if (Date.now() - touched > 3000) {
      const now = new Date();
      fs.utimesSync(path.join(dir, '.git', 'HEAD'), now, now);
      touched = now.getTime();
    }
    return probe();
  }, 30000);
}
