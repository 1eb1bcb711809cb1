import fs from 'node:fs';
import path from 'node:path';
import { Cache } from './cache/cache';
import { readLock } from './lock';
import type { Project } from './project';
import { acquireProjectLock } from './projectLock';

/**
 * `bmad clean`: drop what render.lock does not name (old keys, takes, work folders, logs), or with
 * `all` the whole cache. Nothing in 03_Renders or render.lock is touched, so `regenerate` can
 * always bring everything back.
 */
export function clean(project: Project, all: boolean): { removedJobs: number; removedObjects: number; bytes: number } {
  // Checked before the lock is taken: a lock naming paths outside the project changes nothing.
  readLock(project.lockFile);
  const release = acquireProjectLock(project.cacheDir);
  try {
    const cache = new Cache(project.cacheDir);
    if (all) {
      const bytes = du(project.cacheDir);
      const jobs = cache.records.keys().length;
      const objects = cache.objects.list().length;
      for (const entry of fs.readdirSync(project.cacheDir)) if (entry !== 'render.pid') fs.rmSync(path.join(project.cacheDir, entry), { recursive: true, force: true });
      return { removedJobs: jobs, removedObjects: objects, bytes };
    }
    cache.recover();
    const lock = readLock(project.lockFile);
    const keys = new Set<string>();
    const objects = new Set<string>();
    for (const c of Object.values(lock.canvases)) {
      for (const n of Object.values(c.nodes)) {
        keys.add(n.key);
        for (const o of n.outputs) objects.add(o.sha256);
      }
    }
    let removedJobs = 0;
    for (const k of cache.records.keys()) {
      if (keys.has(k)) {
        for (const o of cache.records.get(k)?.outputs ?? []) objects.add(o.sha256);
        continue;
      }
      cache.records.remove(k);
      fs.rmSync(cache.logFile(k), { force: true });
      removedJobs++;
    }
    let bytes = 0;
    let removedObjects = 0;
    for (const h of cache.objects.list()) {
      if (objects.has(h)) continue;
      bytes += cache.objects.remove(h);
      removedObjects++;
    }
    return { removedJobs, removedObjects, bytes };
  } finally {
    release();
  }
}

function du(dir: string): number {
  let n = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) n += fs.statSync(path.join(e.parentPath, e.name)).size;
  }
  return n;
}
