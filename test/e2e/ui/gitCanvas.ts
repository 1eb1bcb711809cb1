// What the merge and compare UI tests build their git repositories from.
import { execFileSync } from 'node:child_process';
import { insert, makeEdge, makeNode, type BmadDocument } from '../../../core';

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
