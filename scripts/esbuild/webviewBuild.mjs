// The webview bundle's esbuild options, in one place for the extension build (esbuild.mjs), the canvas
// bench and the browser tests (bench/canvas/benchPage.mjs), so they all measure and test the same code.
// `bench` compiles the page hook in (webview/bench/, `window.__bmadCanvas`); every other build defines
// `__BMAD_BENCH__` false, and esbuild drops the hook's code, so the extension's webview.js has none of it.
import { bundleAliases } from '../bundleAliases.mjs';
import { zodEnglishOnly } from './zodEnglishOnly.mjs';

/**
 * @param {{ production?: boolean, minify?: boolean, bench?: boolean }} [o]
 * @returns {import('esbuild').BuildOptions}
 */
export function webviewBuildOptions({ production = false, minify = production, bench = false } = {}) {
  return {
    bundle: true,
    minify,
    sourcemap: production ? false : 'linked',
    logLevel: 'warning',
    // Licences are collected whole into dist/THIRD_PARTY_NOTICES.txt from the metafile (scripts/notices.mjs).
    legalComments: 'none',
    metafile: true,
    alias: bundleAliases,
    entryPoints: { webview: 'webview/main.tsx' },
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
    jsx: 'automatic',
    define: {
      'process.env.NODE_ENV': production ? '"production"' : '"development"',
      __BMAD_BENCH__: bench ? 'true' : 'false',
    },
    loader: { '.css': 'css' },
    plugins: [zodEnglishOnly],
  };
}
