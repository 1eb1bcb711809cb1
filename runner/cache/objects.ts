import fs from 'node:fs';
import path from 'node:path';
import { renameIntoPlace, tempNameFor } from '../fsAtomic';
import { sha256File } from '../hash';

/**
 * Content-addressed store: `.bmad-cache/objects/<sha[0:2]>/<sha>`, read-only files. A file enters only
 * by rename after it has been hashed, so an object's name is its content; reads check that again
 * (a disk error or a hand edit is caught, and the object is dropped so the job runs again).
 */

export class CorruptObject extends Error {}

export class ObjectStore {
  constructor(readonly dir: string) {}

  pathOf(sha256: string): string {
    return path.join(this.dir, sha256.slice(0, 2), sha256);
  }

  has(sha256: string, size?: number): boolean {
    try {
      const st = fs.statSync(this.pathOf(sha256));
      return size === undefined || st.size === size;
    } catch {
      return false;
    }
  }

  /**
   * Moves a finished file into the store (same filesystem: the work folder lives in the cache) and
   * returns its hash and size. The source is gone afterwards either way.
   */
  async put(file: string): Promise<{ sha256: string; size: number }> {
    const h = await sha256File(file);
    const dest = this.pathOf(h.sha256);
    if (this.has(h.sha256, h.size)) {
      fs.rmSync(file, { force: true });
      return h;
    }
    fs.chmodSync(file, 0o444);
    renameIntoPlace(file, dest);
    return h;
  }

  /** Stores a copy of a file that must stay where it is (e.g. a materialized render). */
  async putCopy(file: string): Promise<{ sha256: string; size: number }> {
    fs.mkdirSync(this.dir, { recursive: true });
    const temp = tempNameFor(path.join(this.dir, path.basename(file)));
    fs.copyFileSync(file, temp, fs.constants.COPYFILE_FICLONE);
    try {
      return await this.put(temp);
    } finally {
      fs.rmSync(temp, { force: true });
    }
  }

  /** The object's path after checking its hash; a mismatching object is removed and reported. */
  async verified(sha256: string): Promise<string> {
    const file = this.pathOf(sha256);
    let h;
    try {
      h = await sha256File(file);
    } catch {
      throw new CorruptObject(`object ${sha256.slice(0, 12)} is missing from the cache`);
    }
    if (h.sha256 !== sha256) {
      fs.rmSync(file, { force: true });
      throw new CorruptObject(`object ${sha256.slice(0, 12)} was damaged (its content hashes to ${h.sha256.slice(0, 12)}); removed`);
    }
    return file;
  }

  /** Every object hash present, for `clean`. */
  list(): string[] {
    const out: string[] = [];
    for (const d of safeReaddir(this.dir)) for (const f of safeReaddir(path.join(this.dir, d))) if (/^[0-9a-f]{64}$/.test(f)) out.push(f);
    return out;
  }

  remove(sha256: string): number {
    const file = this.pathOf(sha256);
    const size = fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0;
    fs.rmSync(file, { force: true });
    return size;
  }
}

function safeReaddir(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}
