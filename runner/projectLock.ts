import fs from 'node:fs';
import path from 'node:path';

/**
 * One render at a time per project (the CLI and the extension may both try): `.bmad-cache/render.pid`
 * created exclusively. A lock left by a process that no longer exists (killed) is taken over.
 */

export class ProjectBusy extends Error {}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function acquireProjectLock(cacheDir: string): () => void {
  fs.mkdirSync(cacheDir, { recursive: true });
  const file = path.join(cacheDir, 'render.pid');
  for (let tries = 0; tries < 3; tries++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      let released = false;
      return () => {
        if (released) return;
        released = true;
        fs.rmSync(file, { force: true });
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(fs.readFileSync(file, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
        throw new ProjectBusy(`another render is running in this project (pid ${pid}); wait for it or stop it`);
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new ProjectBusy(`could not take the render lock ${file}`);
}
