import path from 'node:path';
import { sweepTemps } from './fsAtomic';
import type { Project } from './project';
import { insideProject, PathRefused } from './projectPaths';

/**
 * Temporaries a killed run left wherever the engine writes atomically in the project: render.lock at
 * the root, 03_Renders (every canvas's folder and its takes/), and the folders of canvases (choosing a
 * take rewrites one). The cache sweeps its own (Cache.recover). Run under the project lock; only our
 * temp names of writers that are gone are removed, and never outside the project.
 */
export function sweepProjectTemps(p: Project, canvases: readonly string[]): number {
  let n = sweepTemps(p.root, false) + sweepTemps(p.rendersDir);
  const folders = new Set([...p.manifest.canvases, ...canvases].map((c) => path.posix.dirname(c.split(/[\\/]+/).join('/'))));
  for (const folder of folders) {
    if (folder === '.') continue; // the root, swept above
    try {
      n += sweepTemps(insideProject(p.root, folder, 'canvas folder'), false);
    } catch (e) {
      // A folder that leads out of the project is refused where the canvas is read, with its name.
      if (!(e instanceof PathRefused)) throw e;
    }
  }
  return n;
}
