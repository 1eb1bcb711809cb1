import { createHash, hash } from 'node:crypto';
import fs from 'node:fs';

/** sha256 of a string, hex: job keys are this over canonical JSON (core/jobkey.ts). */
export function sha256Text(text: string): string {
  // The one-shot form: a plan hashes thousands of job keys, and a Hash object per key costs more than the hashing.
  return hash('sha256', text, 'hex');
}

/**
 * sha256 and size of a file. Read in one go for the file sizes a preview produces; a stream for
 * anything large so a 4K master does not sit in memory.
 */
export async function sha256File(file: string): Promise<{ sha256: string; size: number }> {
  const size = fs.statSync(file).size;
  if (size <= 64 * 1024 * 1024) {
    return { sha256: createHash('sha256').update(fs.readFileSync(file)).digest('hex'), size };
  }
  const h = createHash('sha256');
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) h.update(chunk as Buffer);
  return { sha256: h.digest('hex'), size };
}
