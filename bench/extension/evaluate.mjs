// `node bench/extension/evaluate.mjs [dist]`, after `node esbuild.mjs --production`: the size of each
// extension-host bundle and how long a fresh Node process takes to evaluate it — what activation pays
// before activate() runs (extension.js), and what the first Auto Layout pays on top (elk.js). `vscode`
// is a stub: only the bundle's own evaluation is timed. Median of 9 runs, each in a new process; the
// load average is printed with the figures. Run it under the shared lock like any benchmark.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const dist = path.resolve(process.argv[2] ?? 'dist');
const RUNS = 9;

const PROBE = `
const Module = require('node:module');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest);
};
require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: new Proxy({}, { get: () => new Proxy(function () {}, { get: (t, k) => t[k] }) }) };
const t0 = performance.now();
require(process.argv[1]);
process.stdout.write(String(performance.now() - t0));
`;

function evaluate(file) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const r = spawnSync(process.execPath, ['-e', PROBE, file], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${file}: ${r.stderr}`);
    times.push(Number(r.stdout));
  }
  return times.sort((a, b) => a - b)[RUNS >> 1];
}

const kb = (n) => `${(n / 1024).toFixed(0)} KB`.padStart(8);
console.log(`extension bundles — ${dist}, median of ${RUNS} fresh processes, load ${os.loadavg()[0].toFixed(1)}`);
for (const name of ['extension.js', 'elk.js']) {
  const file = path.join(dist, name);
  if (!fs.existsSync(file)) {
    console.log(`${name.padEnd(14)} (none)`);
    continue;
  }
  console.log(`${name.padEnd(14)} ${kb(fs.statSync(file).size)}   evaluated in ${evaluate(file).toFixed(1).padStart(6)} ms`);
}
