// Builds the canvas bench page (the REAL webview bundle + the host shim) and serves pages over HTTP.
// Shared by bench/canvas/run.mjs and test/browser/*.test.ts.
import * as esbuild from 'esbuild';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundleAliases } from '../../scripts/bundleAliases.mjs';
import { webviewBuildOptions } from '../../scripts/esbuild/webviewBuild.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '../..');

/**
 * The webview bundle with the options esbuild.mjs uses (production: minified, no sourcemap) plus the
 * bench hook (`bench: true`), written to `outDir` so a bench never races another build of dist/.
 */
export async function buildCanvasPage(outDir, { production = true, minify = production } = {}) {
  fs.mkdirSync(outDir, { recursive: true });
  const common = { bundle: true, minify, sourcemap: false, logLevel: 'warning', legalComments: 'none', platform: 'browser', format: 'iife', target: 'chrome120', absWorkingDir: repoRoot, alias: bundleAliases };
  await Promise.all([
    esbuild.build({ ...webviewBuildOptions({ production, minify, bench: true }), sourcemap: false, absWorkingDir: repoRoot, outdir: outDir }),
    esbuild.build({ ...common, entryPoints: { 'host-shim': 'bench/canvas/bench.host-shim.ts' }, outdir: outDir }),
    // The documents (made in Node with core's builders) and the page's CSP, for serve().
    esbuild.build({ ...common, minify: false, platform: 'node', format: 'esm', entryPoints: { 'bench-server': 'bench/canvas/server.ts' }, outExtension: { '.js': '.mjs' }, outdir: outDir }),
  ]);
  fs.copyFileSync(path.join(here, 'page.html'), path.join(outDir, 'index.html'));
  return { js: fs.statSync(path.join(outDir, 'webview.js')).size, css: fs.statSync(path.join(outDir, 'webview.css')).size };
}

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json' };

/** The example film's canvas, served as `doc=example` exactly as it is on disk. */
const EXAMPLE = path.join(repoRoot, 'examples/last-light-at-gull-point/02_Source_Creative/main.bmad');

/**
 * Static server for `{ '/ours/': dir, '/anchor/': dir }`. Each HTML page gets a fresh CSP nonce, and
 * ours the webview's CSP (`__CSP__`) and its load watch (`__LOAD_WATCH__`), see server.ts.
 * `/ours/doc.json?n=…|doc=film|doc=example` is the document the host shim posts (made here with
 * core's builders, or the example's file): the shim fetches it as the page starts, as VS Code's host
 * has its document parsed before `ready`.
 */
export async function serve(mounts) {
  const serverFile = mounts['/ours/'] && path.join(mounts['/ours/'], 'bench-server.mjs');
  const { benchDocument, benchPageCsp, benchInitialState, benchLoadWatch } = serverFile && fs.existsSync(serverFile) ? await import(pathToFileURL(serverFile).href) : {};
  const docs = new Map();
  const docJson = (q) => {
    const key = `${q.get('doc')}:${q.get('n') ?? 100}`;
    if (!docs.has(key)) {
      docs.set(key, q.get('doc') === 'example' ? fs.readFileSync(EXAMPLE, 'utf8') : JSON.stringify(benchDocument(q.get('doc'), Number(q.get('n') ?? 100))));
    }
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
      let html = body.toString('utf8');
      if (benchPageCsp) html = html.replaceAll('__CSP__', benchPageCsp(nonce)).replace('__LOAD_WATCH__', benchLoadWatch());
      const state = prefix === '/ours/' && url.searchParams.has('view') ? benchInitialState(url.searchParams, JSON.parse(docJson(url.searchParams))) : undefined;
      // Before the shim, which reads it as the webview's saved state; `<` escaped so it cannot end the script.
      if (state) html = html.replace('<script', `<script nonce="__NONCE__">window.__benchInitialState=${JSON.stringify(state).replaceAll('<', '\\u003c')}</script>\n<script`);
      body = Buffer.from(html.replaceAll('__NONCE__', nonce));
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
