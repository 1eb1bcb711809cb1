import { createHash } from 'node:crypto';
import fs from 'node:fs';

/** sha256 (hex) of a file's bytes, read in one go: what planning hashes an asset with. */
export type HashFile = (file: string) => string;

export const hashFileNow: HashFile = (file) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/**
 * File hashes remembered by what identifies a version of a file without reading it: device, inode,
 * size and modification time (to the nanosecond). Status is recomputed after every edit, and hashing
 * every reference image again each time would dominate it; a changed, replaced or touched file has a
 * new identity and is read again.
 */
export class FileHashes {
  private readonly known = new Map<string, { readonly id: string; readonly sha256: string }>();

  readonly hash: HashFile = (file) => {
    const st = fs.statSync(file, { bigint: true });
    const id = `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}`;
    const hit = this.known.get(file);
    if (hit?.id === id) return hit.sha256;
    const sha256 = hashFileNow(file);
    this.known.set(file, { id, sha256 });
    return sha256;
  };

  get size(): number {
    return this.known.size;
  }
}
