// Builds the canvas bench page (the REAL webview bundle + the host shim) and serves pages over HTTP.
// Shared by bench/canvas/run.mjs and test/browser/*.test.ts.
import * as esbuild from 'esbuild';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundleAliases } from '../../scripts/bundleAliases.mjs';
import { zodEnglishOnly } from '../../scripts/esbuild/zodEnglishOnly.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '../..');

/**
 * Same options as esbuild.mjs uses for the webview (production: minified, no sourcemap), written to
 * `outDir` so a bench never races another build of dist/.
 */
export async function buildCanvasPage(outDir, { production = true, minify = production } = {}) {
  fs.mkdirSync(outDir, { recursive: true });
  const common = { bundle: true, minify, sourcemap: false, logLevel: 'warning', legalComments: 'none', platform: 'browser', format: 'iife', target: 'chrome120', absWorkingDir: repoRoot, alias: bundleAliases };
  await Promise.all([
    esbuild.build({ ...common, entryPoints: { webview: 'webview/main.tsx' }, jsx: 'automatic', loader: { '.css': 'css' },
      define: { 'process.env.NODE_ENV': production ? '"production"' : '"development"' }, plugins: [zodEnglishOnly], outdir: outDir }),
    esbuild.build({ ...common, entryPoints: { 'host-shim': 'bench/canvas/bench.host-shim.ts' }, outdir: outDir }),
    // The documents are made in Node with core's builders and inlined into the page by serve().
    esbuild.build({ ...common, minify: false, platform: 'node', format: 'esm', entryPoints: { 'bench-docs': 'bench/canvas/docs.ts' }, outExtension: { '.js': '.mjs' }, outdir: outDir }),
  ]);
  fs.copyFileSync(path.join(here, 'page.html'), path.join(outDir, 'index.html'));
  return { js: fs.statSync(path.join(outDir, 'webview.js')).size, css: fs.statSync(path.join(outDir, 'webview.css')).size };
}

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json' };

/**
 * Static server for `{ '/ours/': dir, '/anchor/': dir }`. Each HTML page gets a fresh CSP nonce.
 * `/ours/doc.json?n=…|doc=film` is the document the host shim posts (made here with core's builders):
 * the shim fetches it as the page starts, as VS Code's host has its document parsed before `ready`.
 */
export async function serve(mounts) {
  const docsFile = mounts['/ours/'] && path.join(mounts['/ours/'], 'bench-docs.mjs');
  const { benchDocument } = docsFile && fs.existsSync(docsFile) ? await import(pathToFileURL(docsFile).href) : {};
  const docs = new Map();
  const docJson = (q) => {
    const key = `${q.get('doc')}:${q.get('n') ?? 100}`;
    if (!docs.has(key)) docs.set(key, JSON.stringify(benchDocument(q.get('doc'), Number(q.get('n') ?? 100))));
    return docs.get(key);
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const prefix = Object.keys(mounts).find((p) => url.pathname.startsWith(p));
    const file = prefix && path.join(mounts[prefix], decodeURIComponent(url.pathname.slice(prefix.length)) || 'index.html');
    if (url.pathname.endsWith('/doc.json') && benchDocument) {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(docJson(url.searchParams));
      return;
    }
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    if (!file || !file.startsWith(mounts[prefix]) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    const ext = path.extname(file);
    let body = fs.readFileSync(file);
    if (ext === '.html') {
      const nonce = crypto.randomBytes(16).toString('base64');
      body = Buffer.from(body.toString('utf8').replaceAll('__NONCE__', nonce));
    }
    res.writeHead(200, { 'content-type': TYPES[ext] ?? 'application/octet-stream', 'cache-control': 'no-store' }).end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const { port } = server.address();
    resolve({ url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r)) });
  }));
}

export const CHROMIUM = process.env.CHROMIUM || ['/usr/bin/chromium', '/usr/lib/chromium/chromium'].find((p) => fs.existsSync(p));
/** The anchor's flags (shared/anchors/react-flow-baseline/README.md), so both sides run alike. */
export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--window-size=1600,1000'];
