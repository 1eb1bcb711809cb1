// Builds the bundles: the extension host (Node, cjs, `vscode` external) with its status worker thread
// and ELK beside it, loaded on the first Auto Layout; the webview (browser, React); the `bmad` CLI; the
// preview pipelines; then dist/THIRD_PARTY_NOTICES.txt from what they bundled (scripts/notices.mjs).
// `--production` minifies; `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { bundleAliases, bundleExternals } from './scripts/bundleAliases.mjs';
import { webviewBuildOptions } from './scripts/esbuild/webviewBuild.mjs';
import { zodEnglishOnly } from './scripts/esbuild/zodEnglishOnly.mjs';
import { writeNotices } from './scripts/notices.mjs';

const ELK = createRequire(import.meta.url).resolve('elkjs/lib/elk.bundled.js');

/**
 * ELK is most of what the extension would bundle (1.5 MB of 2 MB) and only Auto Layout needs it: it is
 * its own file, dist/elk.js, and extension.js requires it from beside itself the first time it lays out.
 */
const elkBesideBundle = {
  name: 'elk-beside-bundle',
  setup(build) {
    build.onResolve({ filter: /^elkjs\/lib\/elk\.bundled\.js$/ }, () => ({ path: './elk.js', external: true }));
  },
};

/**
 * The GPU targets (dockerode, ssh2, ws: about 1.4 MB) are needed only when a host is tested or a render
 * uses one: extension.js requires them from dist/targets.js on first use, like ELK.
 */
const targetsBesideBundle = {
  name: 'targets-beside-bundle',
  setup(build) {
    build.onResolve({ filter: /\/runner\/targets\/factories$/ }, (args) =>
      args.importer.includes(`${'/'}extension${'/'}`) ? { path: './targets.js', external: true } : undefined);
  },
};

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  // Licences are collected whole into dist/THIRD_PARTY_NOTICES.txt instead.
  legalComments: 'none',
  metafile: true,
  alias: bundleAliases,
  external: bundleExternals,
};

const builds = [
  {
    ...common,
    entryPoints: { extension: 'extension/extension.ts' },
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', ...bundleExternals],
    // zod's locales other than English would be a third of what is left (the host's messages are English).
    plugins: [elkBesideBundle, targetsBesideBundle, zodEnglishOnly],
    // `import()` becomes `require()`: the extension host loads its code as CommonJS, ELK included.
    supported: { 'dynamic-import': false },
    // Read by activate() to log the activation time including the bundle's own evaluation.
    banner: { js: '"use strict";var __bmadBundleStart = performance.now();' },
    outdir: 'dist',
  },
  { ...webviewBuildOptions({ production }), outdir: 'dist' },
  {
    // Status after an edit (planning, job keys, asset hashes) runs in this worker thread, off the host's.
    ...common,
    entryPoints: { statusWorker: 'extension/render/statusWorker.ts' },
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    plugins: [zodEnglishOnly],
    outdir: 'dist',
  },
  {
    ...common,
    entryPoints: { targets: 'runner/targets/factories.ts' },
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    plugins: [zodEnglishOnly],
    outdir: 'dist',
  },
  {
    ...common,
    entryPoints: { elk: ELK },
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outdir: 'dist',
  },
  {
    ...common,
    entryPoints: { cli: 'runner/cli.ts' },
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // A no-op `bmad render` is mostly loading this file: zod's other locales would be a third of it.
    plugins: [zodEnglishOnly],
    banner: { js: '#!/usr/bin/env node' },
    outdir: 'dist',
  },
  {
    // The embedded preview pipelines, spawned per job as `node dist/preview.js <jobDir>`. The native
    // canvas and the packages that locate their binaries or fonts by __dirname stay in node_modules.
    ...common,
    entryPoints: { preview: 'pipelines/preview/main.ts' },
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['@napi-rs/canvas', '@ffmpeg-installer/ffmpeg', 'ffprobe-static', '@fontsource/dejavu-sans', ...bundleExternals],
    outdir: 'dist',
  },
].filter((b) => Object.values(b.entryPoints).every((f) => fs.existsSync(f)));

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  const results = await Promise.all(builds.map((b) => esbuild.build(b)));
  writeNotices({ root: '.', metafiles: results.flatMap((r) => (r.metafile ? [r.metafile] : [])), out: 'dist/THIRD_PARTY_NOTICES.txt' });
  // Activation evaluates all of extension.js before activate() runs: keep it small (ELK stays out).
  const budget = 1024 * 1024;
  const size = fs.statSync('dist/extension.js').size;
  if (production && size > budget) {
    throw new Error(`dist/extension.js is ${size} bytes, over its budget of ${budget}: load big, rarely used `
      + 'packages on first use from their own file, as dist/elk.js is');
  }
  if (fs.existsSync('dist/cli.js')) fs.chmodSync('dist/cli.js', 0o755);
  // The speech program is GPL-3.0: it is copied, never bundled, and the pipeline spawns it (README, Licences).
  fs.copyFileSync('pipelines/preview/audio/speak.mjs', 'dist/speak.mjs');
}
