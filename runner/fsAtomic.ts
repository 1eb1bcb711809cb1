import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { processAlive } from './processInfo';

/**
 * The one way the engine puts a file in place: write (or copy) to a temporary name in the same folder,
 * fsync, then rename over the real name. A reader sees the old file or the new one, never half of
 * one, and a process killed at any moment leaves at most a `.tmp-` file that the next run sweeps.
 */

export const TEMP_MARK = '.tmp-';

/** `.tmp-<pid>-<8 hex>-<name>`: the writer's pid, so a sweep can tell a dead writer's file from a live one's. */
const TEMP_NAME = /^\.tmp-(\d+)-[0-9a-f]{8}-./;

export function tempNameFor(file: string): string {
  return path.join(path.dirname(file), `${TEMP_MARK}${process.pid}-${randomBytes(4).toString('hex')}-${path.basename(file)}`);
}

/** Only names tempNameFor makes: a person's `.tmp-notes.txt` is not ours. */
export function isTempName(name: string): boolean {
  return TEMP_NAME.test(name);
}

/** A temporary whose writer is gone (or is this process, whose own writes are not in flight when it sweeps). */
function abandoned(name: string): boolean {
  const pid = Number(TEMP_NAME.exec(name)?.[1]);
  return pid === process.pid || !processAlive(pid);
}

function fsyncPath(file: string): void {
  const fd = fs.openSync(file, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Makes the rename itself durable; some filesystems refuse to fsync a directory, which is fine. */
function fsyncDir(dir: string): void {
  try {
    fsyncPath(dir);
  } catch {
    /* best effort */
  }
}

/** Renames a finished file (already on the same filesystem) into place, durably. */
export function renameIntoPlace(from: string, to: string): void {
  fsyncPath(from);
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.renameSync(from, to);
  fsyncDir(path.dirname(to));
}

/** Put `produce(tempPath)`'s result at `file` atomically; the temp file is removed if it throws. */
export function placeAtomically(file: string, produce: (temp: string) => void): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = tempNameFor(file);
  try {
    produce(temp);
    renameIntoPlace(temp, file);
  } catch (e) {
    fs.rmSync(temp, { force: true });
    throw e;
  }
}

export function writeFileAtomic(file: string, data: string | Uint8Array, mode?: number): void {
  placeAtomically(file, (temp) => fs.writeFileSync(temp, data, mode === undefined ? undefined : { mode }));
}

/** Copies with a reflink where the filesystem has them (instant, no extra space), else a real copy. */
export function copyFileAtomic(from: string, to: string): void {
  placeAtomically(to, (temp) => {
    fs.copyFileSync(from, temp, fs.constants.COPYFILE_FICLONE);
    // The cache keeps objects read-only; a materialized copy is the person's to edit or delete.
    fs.chmodSync(temp, 0o644);
  });
}

/**
 * Removes temporaries a killed writer left in a folder (and its subfolders, unless `recursive` is
 * false); returns how many. Only files named as tempNameFor names them, and only a dead writer's;
 * links are neither followed nor removed.
 */
export function sweepTemps(dir: string, recursive = true): number {
  let n = 0;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    if (e.isDirectory()) {
      if (recursive) n += sweepTemps(path.join(dir, e.name));
    } else if (e.isFile() && isTempName(e.name) && abandoned(e.name)) {
      fs.rmSync(path.join(dir, e.name), { force: true });
      n++;
    }
  }
  return n;
}
