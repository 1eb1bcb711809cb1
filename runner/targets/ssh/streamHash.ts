import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';

/**
 * sha256 of a stream of blocks. A large upload hashes on a worker thread, beside the thread that
 * encrypts and sends (hashing 200 MB there cost a fifth of the upload, bench/backends/sftp.bench.ts);
 * a small file hashes inline, where starting a thread would cost more than it saves.
 */

const WORKER = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const h = createHash('sha256');
parentPort.on('message', (m) => (m === null ? parentPort.postMessage(h.digest('hex')) : h.update(m)));
`;

export interface StreamHash {
  update(block: Uint8Array): void;
  digest(): Promise<string>;
  /** Ends it without a digest (an upload that failed). */
  abort(): void;
}

/** Above this size the worker pays for itself. */
const WORKER_FROM_BYTES = 16 * 1024 * 1024;

export function streamHash(size: number): StreamHash {
  if (size < WORKER_FROM_BYTES) {
    const h = createHash('sha256');
    return { update: (b) => void h.update(b), digest: async () => h.digest('hex'), abort: () => undefined };
  }
  const worker = new Worker(WORKER, { eval: true });
  return {
    // Copied, not transferred: SFTP may still read the block for a request it splits.
    update: (b) => worker.postMessage(b),
    digest: () =>
      new Promise<string>((resolve, reject) => {
        worker.once('message', (hex: string) => resolve(hex));
        worker.once('error', reject);
        worker.postMessage(null);
      }).finally(() => void worker.terminate()),
    abort: () => void worker.terminate(),
  };
}
