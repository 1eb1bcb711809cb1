import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * `npm run bench:backends`: every bench/backends/*.bench.ts, one after another, each in its own
 * process (a benchmark's services and workers never share a heap with the next one). Exit 1 if any fails.
 */
const here = __dirname;
const files = fs.readdirSync(here).filter((f) => f.endsWith('.bench.ts')).sort();
if (!files.length) {
  console.error('bench:backends: no bench/backends/*.bench.ts');
  process.exit(1);
}
const tsx = path.resolve(here, '../../node_modules/tsx/dist/cli.mjs');
let failed = 0;
for (const f of files) {
  console.log(`\n== ${f}`);
  const r = spawnSync(process.execPath, [tsx, path.join(here, f)], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.error(`bench:backends: ${f} failed (${r.signal ?? `exit ${r.status}`})`);
  }
}
process.exit(failed ? 1 : 0);
