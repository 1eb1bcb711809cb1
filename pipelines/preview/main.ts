import fs from 'node:fs';
import path from 'node:path';
import type { ProgressLine } from '../../core/contract';
import { runJob } from './runJob';
import { serveJobs } from './worker';

/**
 * The embedded CPU preview backend. `node dist/preview.js <jobDir>` runs one job (the pipeline
 * contract every target speaks): reads job.json, prints progress as JSON lines, writes outputs and
 * result.json; exit 0 only on success; SIGTERM stops the ffmpeg/speech child, removes partial files,
 * writes INTERRUPTED and exits 143. `node dist/preview.js --worker` runs many jobs, one at a time,
 * for the local target (worker.ts).
 */

const emit = (line: ProgressLine) => process.stdout.write(JSON.stringify(line) + '\n');

async function oneShot(jobDir: string | undefined): Promise<number> {
  if (!jobDir || !fs.existsSync(path.join(jobDir, 'job.json'))) {
    process.stderr.write('usage: preview <jobDir>   (a folder with job.json, inputs/ and outputs/)\n       preview --worker\n');
    return 2;
  }
  const controller = new AbortController();
  const onTerm = () => controller.abort();
  process.on('SIGTERM', onTerm);
  process.on('SIGINT', onTerm);
  return runJob(jobDir, controller.signal, emit);
}

if (process.argv[2] === '--worker') serveJobs();
else
  oneShot(process.argv[2]).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`preview: ${String(e)}\n`);
      process.exitCode = 70;
    },
  );
