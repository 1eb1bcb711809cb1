// Builds the three bundles: the extension host (Node, cjs, `vscode` external), the webview (browser,
// React) and the `bmad` CLI. `--production` minifies; `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import { webviewBuildOptions } from './webview/esbuild/webviewBuild.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};

const builds = [
  {
    ...common,
    entryPoints: { extension: 'extension/extension.ts' },
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    // Read by activate() to log the activation time including the bundle's own evaluation.
    banner: { js: '"use strict";var __bmadBundleStart = performance.now();' },
    outdir: 'dist',
  },
  { ...webviewBuildOptions({ production }), outdir: 'dist' },
  {
    ...common,
    entryPoints: { cli: 'runner/cli.ts' },
    platform: 'node',
    format: 'cjs',
    target: 'node20',
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
    external: ['@napi-rs/canvas', '@ffmpeg-installer/ffmpeg', 'ffprobe-static', '@fontsource/dejavu-sans'],
    outdir: 'dist',
  },
].filter((b) => Object.values(b.entryPoints).every((f) => fs.existsSync(f)));

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
  if (fs.existsSync('dist/cli.js')) fs.chmodSync('dist/cli.js', 0o755);
  // The speech program is GPL-3.0: it is copied, never bundled, and the pipeline spawns it (README, Licences).
  fs.copyFileSync('pipelines/preview/audio/speak.mjs', 'dist/speak.mjs');
}
