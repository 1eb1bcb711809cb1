import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../fsAtomic';

/**
 * What the engine last put in 03_Renders, by path: size, mtime, inode and hash. A no-op render then
 * checks a file with one stat instead of hashing it (at high tier that is gigabytes), like git's index.
 * Any difference in the stat means "hash it again", so a hand edit is still noticed.
 */

const Entry = z.strictObject({ size: z.number(), mtimeMs: z.number(), ino: z.number(), sha256: z.string() });
const IndexFile = z.record(z.string(), Entry);

export class RenderIndex {
  private entries: Record<string, z.infer<typeof Entry>> = {};
  private dirty = false;

  constructor(
    private readonly file: string,
    private readonly root: string,
  ) {
    try {
      const r = IndexFile.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
      if (r.success) this.entries = r.data;
    } catch {
      /* missing or damaged: everything is hashed once more */
    }
  }

  /** True when `rel` is, by its stat, exactly the file we wrote with this hash. */
  holds(rel: string, sha256: string): boolean {
    const e = this.entries[rel];
    if (!e || e.sha256 !== sha256) return false;
    const st = fs.statSync(path.join(this.root, rel), { throwIfNoEntry: false });
    return !!st && st.size === e.size && st.mtimeMs === e.mtimeMs && st.ino === e.ino;
  }

  note(rel: string, sha256: string): void {
    const st = fs.statSync(path.join(this.root, rel));
    this.entries[rel] = { size: st.size, mtimeMs: st.mtimeMs, ino: st.ino, sha256 };
    this.dirty = true;
  }

  save(): void {
    if (this.dirty) writeFileAtomic(this.file, JSON.stringify(this.entries) + '\n');
    this.dirty = false;
  }
}
