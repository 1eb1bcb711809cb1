import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { SFTPWrapper } from 'ssh2';
import { sha256File } from '../../hash';
import { streamHash } from './streamHash';
import { renameIntoPlace, tempNameFor } from '../../fsAtomic';

/**
 * Files between this machine and the host over SFTP. Uploads go into a content-addressed cache on the
 * host (`<workDir>/cas/<sha256>`, read-only), so a file the host already has moves no byte; each one
 * is written under a temporary name, checked against its hash as it streams, and renamed into place.
 * Downloads land under a temporary name here and are renamed only when their hash is the one the host
 * computed.
 */

/** What moved, for the Hosts view and the dedupe test: bytes written to the host and read from it. */
export interface TransferStats {
  bytesUp: number;
  bytesDown: number;
  uploaded: number;
  skipped: number;
}

export const newTransferStats = (): TransferStats => ({ bytesUp: 0, bytesDown: 0, uploaded: 0, skipped: 0 });

/**
 * Requests just under OpenSSH's 256 KiB SFTP limit (bigger ones would be split), 32 in flight, read
 * from the file 4 MiB at a time: the fewer turns of the event loop per byte, the closer to scp
 * (bench/backends/sftp.bench.ts).
 */
const CHUNK = 252 * 1024;
const IN_FLIGHT = 32;
const READ = 16 * CHUNK;

type Callback<T> = (err: Error | undefined | null, value: T) => void;

export class RemoteFiles {
  constructor(
    private readonly sftp: SFTPWrapper,
    /** Absolute folder on the host. */
    readonly workDir: string,
    readonly stats: TransferStats,
    /** Rejects when the connection closes: ssh2 never answers a request that was in flight then. */
    private readonly lost: Promise<never>,
  ) {}

  private call<T>(f: (cb: Callback<T>) => void): Promise<T> {
    const done = new Promise<T>((resolve, reject) => f((err, value) => (err ? reject(err) : resolve(value))));
    return Promise.race([done, this.lost]);
  }

  casPath(sha256: string): string {
    return `${this.workDir}/cas/${sha256}`;
  }

  async exists(remote: string): Promise<boolean> {
    try {
      await this.call<unknown>((cb) => this.sftp.stat(remote, cb));
      return true;
    } catch (e) {
      // SFTP's NO_SUCH_FILE; anything else (a lost connection) is not an answer.
      if ((e as { code?: unknown }).code === 2) return false;
      throw e;
    }
  }

  /** Creates folders (absolute, parents first) over SFTP: no shell, so no login-script cost. */
  async mkdirs(dirs: Iterable<string>): Promise<void> {
    const all = new Set<string>();
    for (const d of dirs) for (let p = d; p.startsWith(this.workDir + '/'); p = path.posix.dirname(p)) all.add(p);
    for (const d of [...all].sort((a, b) => a.length - b.length)) {
      await this.call<void>((cb) => this.sftp.mkdir(d, cb)).catch(async (e: Error) => {
        if (!(await this.exists(d))) throw e;
      });
    }
  }

  /** Puts a local file whose sha256 is `sha256` into the host's cache; returns its path there. */
  async putInCas(local: string, sha256: string): Promise<string> {
    const dest = this.casPath(sha256);
    if (await this.exists(dest)) {
      this.stats.skipped++;
      return dest;
    }
    const temp = `${this.workDir}/cas/.tmp-${randomBytes(6).toString('hex')}-${sha256}`;
    try {
      const got = await this.upload(local, temp);
      if (got !== sha256) throw new Error(`${local} changed while it was uploaded (sha256 ${got}, expected ${sha256})`);
      await this.call<void>((cb) => this.sftp.chmod(temp, 0o444, cb));
      await this.call<void>((cb) => this.sftp.ext_openssh_rename(temp, dest, cb));
    } catch (e) {
      await this.call<void>((cb) => this.sftp.unlink(temp, cb)).catch(() => undefined);
      throw e;
    }
    this.stats.uploaded++;
    return dest;
  }

  /** Writes `local` to `remote` with many requests in flight; returns the sha256 of what was sent. */
  private async upload(local: string, remote: string): Promise<string> {
    const handle = await this.call<Buffer>((cb) => this.sftp.open(remote, 'w', 0o600, cb));
    const file = await fs.promises.open(local, 'r');
    const hash = streamHash((await file.stat()).size);
    const inFlight = new Set<Promise<void>>();
    let failure: Error | undefined;
    try {
      for (let pos = 0; ; ) {
        const block = Buffer.allocUnsafe(READ);
        const { bytesRead } = await file.read(block, 0, READ, pos);
        if (bytesRead === 0) break;
        hash.update(block.subarray(0, bytesRead));
        for (let off = 0; off < bytesRead; off += CHUNK) {
          const len = Math.min(CHUNK, bytesRead - off);
          const write = this.call<void>((cb) => this.sftp.write(handle, block, off, len, pos + off, cb));
          const p: Promise<void> = write.then(
            () => {
              this.stats.bytesUp += len;
              inFlight.delete(p);
            },
            (e: Error) => {
              failure ??= e;
              inFlight.delete(p);
            },
          );
          inFlight.add(p);
          if (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight);
        }
        pos += bytesRead;
        if (failure) break;
      }
      await Promise.all(inFlight);
      if (failure) throw failure;
    } catch (e) {
      hash.abort();
      throw e;
    } finally {
      await file.close();
      await this.call<void>((cb) => this.sftp.close(handle, cb)).catch(() => undefined);
    }
    return hash.digest();
  }

  /** Writes a small text file on the host, under a temporary name then renamed over `remote`. */
  async writeText(remote: string, text: string, mode = 0o644): Promise<void> {
    const temp = `${path.posix.dirname(remote)}/.tmp-${randomBytes(6).toString('hex')}-${path.posix.basename(remote)}`;
    await this.call<void>((cb) => this.sftp.writeFile(temp, text, { mode }, cb));
    await this.call<void>((cb) => this.sftp.ext_openssh_rename(temp, remote, cb));
    this.stats.bytesUp += Buffer.byteLength(text);
  }

  async readText(remote: string): Promise<string> {
    const data = await this.call<Buffer>((cb) => this.sftp.readFile(remote, cb));
    this.stats.bytesDown += data.length;
    return data.toString('utf8');
  }

  /** Downloads `remote` to `local` (temp name, rename); throws if its sha256 is not `sha256`. */
  async download(remote: string, local: string, sha256: string): Promise<void> {
    fs.mkdirSync(path.dirname(local), { recursive: true });
    const temp = tempNameFor(local);
    try {
      const options = { concurrency: IN_FLIGHT, chunkSize: CHUNK };
      await this.call<void>((cb) => this.sftp.fastGet(remote, temp, options, cb));
      const got = await sha256File(temp);
      this.stats.bytesDown += got.size;
      if (got.sha256 !== sha256) throw new Error(`${remote} arrived with sha256 ${got.sha256}, the host has ${sha256}`);
      renameIntoPlace(temp, local);
    } catch (e) {
      fs.rmSync(temp, { force: true });
      throw e;
    }
  }
}
