/**
 * `npm run bench:backends` (or `npx tsx bench/backends/sftp.bench.ts`): the ssh target's upload of a
 * 200 MB file into the host's content-addressed cache (ssh2 SFTP, many requests in flight, hashed as it
 * streams) against OpenSSH's `scp` of the same file to the same sshd on loopback (target: at least 0.8×
 * scp's throughput), then the same upload again, which must move 0 bytes. Figures from one run on a
 * shared machine: the load average is printed with them.
 */
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createSshTarget } from '../../runner/targets/ssh/sshTarget';
import { sshConfig, testEnv } from '../../test/integration/ssh/harness';
import { sshd } from '../../test/integration/ssh/sshd';

const MB = 1024 * 1024;
const SIZE = 200 * MB;
const ROUNDS = 3;

async function main(): Promise<void> {
  const d = await sshd();
  const file = path.join(d.dir, 'upload-200MB.bin');
  const fd = fs.openSync(file, 'w');
  for (let i = 0; i < SIZE / (8 * MB); i++) fs.writeSync(fd, randomBytes(8 * MB));
  fs.closeSync(fd);
  const sha = createHash('sha256').update(fs.readFileSync(file)).digest('hex');

  const sftpSeconds: number[] = [];
  const scpSeconds: number[] = [];
  let repeatBytes = -1;
  // Alternating rounds, each into a fresh folder, so neither side always runs on a warmer machine.
  for (let round = 0; round < ROUNDS; round++) {
    const workDir = fs.mkdtempSync(path.join(d.dir, 'bench-'));
    const target = createSshTarget(sshConfig(d, { workDir }), testEnv());
    const { files } = await target.host.session();
    let t = performance.now();
    await files.putInCas(file, sha);
    sftpSeconds.push((performance.now() - t) / 1000);
    const before = target.host.stats.bytesUp;
    await files.putInCas(file, sha);
    repeatBytes = target.host.stats.bytesUp - before;
    target.dispose();

    const dest = path.join(workDir, 'scp-copy.bin');
    t = performance.now();
    execFileSync('scp', ['-q', '-i', d.clientKey, '-o', `UserKnownHostsFile=${d.knownHosts}`, '-o', 'StrictHostKeyChecking=yes',
      '-o', 'BatchMode=yes', '-P', String(d.port), file, `${d.user}@127.0.0.1:${dest}`]);
    scpSeconds.push((performance.now() - t) / 1000);
    if (fs.statSync(dest).size !== SIZE) throw new Error('scp copied a different size');
    fs.rmSync(workDir, { recursive: true, force: true });
  }
  fs.rmSync(file);
  const best = (xs: number[]): number => Math.min(...xs);
  const rate = (s: number): string => `${(SIZE / MB / s).toFixed(0)} MB/s`;
  const ratio = best(scpSeconds) / best(sftpSeconds);
  console.log(`load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} on ${os.cpus().length} cores`);
  const figures = (xs: number[]): string =>
    `best of ${ROUNDS} ${best(xs).toFixed(2)} s (${rate(best(xs))}); rounds ${xs.map((s) => s.toFixed(2)).join(', ')}`;
  console.log(`ssh target SFTP upload, 200 MB: ${figures(sftpSeconds)}`);
  console.log(`scp of the same file:          ${figures(scpSeconds)}`);
  console.log(`throughput vs scp: ${ratio.toFixed(2)}× (target ≥ 0.8×) ${ratio >= 0.8 ? 'ok' : 'BELOW TARGET'}`);
  console.log(`repeated upload moved ${repeatBytes} bytes (target 0) ${repeatBytes === 0 ? 'ok' : 'NOT ZERO'}`);
  process.exit(0);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
