// The E2E suite: real VS Code (code-server) in headless Chromium, with this repository loaded as the
// extension under development. Two kinds of tests share one code-server:
//   1. test/e2e/host/**/*.test.ts run inside the extension host with the real vscode API (bundled
//      with esbuild, loaded as extensionTestsPath; see host/index.ts and host/e2e.ts);
//   2. test/e2e/ui/**/*.test.ts run here in Node with mocha and drive the window with Playwright
//      (see ui/session.ts); an installed probe extension (test/e2e/probe/) says when the window is ready.
// Then, once that code-server is gone, a third kind starts its own:
//   3. test/e2e/installed/**/*.test.mjs run here in Node with mocha: the packaged .vsix installed into
//      a clean code-server (see installed/render.test.mjs).
//   4. test/e2e/collab/**/*.test.mjs run here in Node with mocha: code-servers of their own, one
//      per peer of a collaboration session (see collab/session.test.mjs and collab/threePeers.test.mjs).
// All report into one closing line, `E2E: N passed, N failed`. Screenshots and logs go to
// test-results/e2e/. Environment:
//   BMAD_E2E_GREP=text           run only tests whose full title contains text (all kinds)
//   BMAD_E2E_SKIP_BUILD=1        don't run `node esbuild.mjs` first (scripts/test.sh already did)
//   BMAD_E2E_EXTENSION_PATH=dir  load another extension folder (to work on the harness itself)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import Mocha from 'mocha';
import { repoRoot, sleep, startCodeServer, workbenchUrl } from './codeServer.mjs';
import { startControlServer } from './control.mjs';
import {
  artifactsDir, launchBrowser, openWorkbench, quickOpen, runCommand, screenshot,
  webviewFrame, webviewScreenshot,
} from './workbench.mjs';

const HOST_IDLE_TIMEOUT_MS = 120_000; // no test finished and no result written for this long: give up
const READY_TIMEOUT_MS = 60_000; // from the workbench showing to the probe extension reporting in
const TEST_TIMEOUT_MS = 60_000;
const VIEWPORT = { width: 1400, height: 900 };

const hostOut = path.join(repoRoot, 'dist/test/host');
const uiOut = path.join(repoRoot, 'dist/test/ui');
const extensionPath = path.resolve(process.env.BMAD_E2E_EXTENSION_PATH ?? repoRoot);
const grep = process.env.BMAD_E2E_GREP;
const probePath = path.join(repoRoot, 'test/e2e/probe');
// The STAND-IN language model (and default chat participant) for the `vscode-lm` tests; it uses
// proposed API, which code-server allows only to the extensions named on its command line.
const lmStandInPath = path.join(repoRoot, 'test/e2e/lmStandIn');
const LM_STAND_IN_ID = 'bmad-e2e.lm-stand-in';

/** `publisher.name` of the extension under test, from its package.json. */
function extensionId() {
  const pkg = JSON.parse(fs.readFileSync(path.join(extensionPath, 'package.json'), 'utf8'));
  return `${pkg.publisher}.${pkg.name}`.toLowerCase();
}

/** @typedef {{ kind: 'host' | 'ui' | 'installed' | 'collab' | 'harness', state: 'passed' | 'failed' | 'pending', title: string[],
 *              durationMs?: number, error?: { message: string, stack?: string } }} Result */

/** @type {Result[]} */
const results = [];
/** @type {(() => Promise<unknown>)[]} */
const cleanups = [];

process.setSourceMapsEnabled(true);
for (const sig of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.on(sig, () => void cleanup().finally(() => process.exit(130)));
}
process.exitCode = await main();

async function main() {
  fs.rmSync(artifactsDir, { recursive: true, force: true });
  fs.mkdirSync(artifactsDir, { recursive: true });
  const started = Date.now();
  const installedTests = list(path.join(repoRoot, 'test/e2e/installed'), '.test.mjs');
  const collabTests = list(path.join(repoRoot, 'test/e2e/collab'), '.test.mjs');
  try {
    await build();
    const hostTests = list(path.join(repoRoot, 'test/e2e/host'));
    const uiTests = list(path.join(repoRoot, 'test/e2e/ui'));
    if (!hostTests.length && !uiTests.length && !installedTests.length && !collabTests.length) throw new Error('no E2E test files found');
    if (hostTests.length || uiTests.length) await runAll(hostTests.length > 0, uiTests.length > 0);
  } catch (err) {
    record({ kind: 'harness', state: 'failed', title: ['setting up or running the E2E suite'], error: describeError(err) });
  } finally {
    await cleanup();
  }
  // Before the .vsix build below rewrites dist/ for production: they load this checkout's build.
  try {
    if (collabTests.length) await runMocha('collab', collabTests);
  } catch (err) {
    record({ kind: 'harness', state: 'failed', title: ['running the collaboration tests'], error: describeError(err) });
  }
  // Last, and alone: it builds the .vsix (a production build into dist/) and runs its own code-server.
  try {
    if (installedTests.length) await runMocha('installed', installedTests);
  } catch (err) {
    record({ kind: 'harness', state: 'failed', title: ['running the installed-extension tests'], error: describeError(err) });
  }
  return summarize(Date.now() - started);
}

/** Builds the extension (unless told not to) and bundles the two kinds of tests into dist/test/. */
async function build() {
  if (!process.env.BMAD_E2E_SKIP_BUILD) {
    const r = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: repoRoot, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('`node esbuild.mjs` failed');
  }
  if (!fs.existsSync(path.join(extensionPath, 'package.json'))) {
    throw new Error(`no extension at ${extensionPath} (no package.json); check BMAD_E2E_EXTENSION_PATH`);
  }
  const main = path.join(extensionPath, 'dist/extension.js');
  if (!fs.existsSync(main)) console.warn(`E2E: warning: ${main} is missing, so the extension cannot activate`);

  const common = /** @type {const} */ ({
    bundle: true, platform: 'node', target: 'node20', sourcemap: 'inline', logLevel: 'warning',
    metafile: true, absWorkingDir: repoRoot,
    // Packages load from node_modules at run time (mocha, playwright-core); `vscode` is the host's.
    packages: 'external', external: ['vscode'],
  });
  const host = path.join(repoRoot, 'test/e2e/host');
  const hostBuild = await esbuild.build({
    ...common, format: 'cjs', outbase: host, outdir: hostOut,
    entryPoints: [path.join(host, 'index.ts'), ...list(host)],
  });
  removeStale(hostOut, hostBuild.metafile);
  const ui = path.join(repoRoot, 'test/e2e/ui');
  const uiBuild = await esbuild.build({
    ...common, format: 'esm', outbase: ui, outdir: uiOut, outExtension: { '.js': '.mjs' }, entryPoints: list(ui),
  });
  removeStale(uiOut, uiBuild.metafile);
}

/**
 * Deletes bundles of test files that no longer exist (they would still run). Only those: emptying
 * the folder first would pull the files from under a second run going on at the same time.
 * @param {string} dir @param {import('esbuild').Metafile} meta
 */
function removeStale(dir, meta) {
  const fresh = new Set(Object.keys(meta.outputs).map((f) => path.resolve(repoRoot, f)));
  for (const f of list(dir, 'js')) if (!fresh.has(f)) fs.rmSync(f, { force: true });
}

/** @param {boolean} withHost @param {boolean} withUi */
async function runAll(withHost, withUi) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bmad-e2e-'));
  cleanups.push(async () => fs.rmSync(root, { recursive: true, force: true }));
  const resultFile = path.join(root, 'host-result.json');

  /** @type {import('playwright-core').Page | undefined} */
  let page;
  let lastHostActivity = Date.now();
  let lastHostEvent = 'none yet';
  /** @type {((extensions: string[]) => void) | undefined} */
  let onReady;
  const control = await startControlServer({
    page: () => page,
    onEvent: async (e) => {
      lastHostActivity = Date.now();
      lastHostEvent = e.type === 'test' ? `${e.state}: ${e.title.join(' › ')}` : e.type;
      if (e.type === 'ready') onReady?.(e.extensions);
      if (e.type === 'start') console.log(`E2E: extension host is running ${e.total} test(s)`);
      if (e.type !== 'test') return;
      record({ kind: 'host', ...e });
      if (e.state === 'failed' && page) await screenshot(page, `FAILED-host-${e.title.join('-')}`).catch(() => undefined);
    },
  });
  cleanups.push(control.close);

  const server = await startCodeServer({
    root: path.join(root, 'code-server'),
    logFile: path.join(artifactsDir, 'code-server.log'),
    env: { BMAD_E2E_CONTROL_URL: control.url, BMAD_E2E_RESULT_FILE: resultFile },
    // Installed, not loaded through the payload: a window loads only one extensionDevelopmentPath.
    extensions: [probePath, lmStandInPath],
    enableProposedApi: [LM_STAND_IN_ID],
  });
  // Runs before server.stop (cleanups run in reverse): the extension host logs, for a post-mortem.
  cleanups.push(server.stop, async () => {
    const logs = path.join(server.root, 'user-data/logs');
    if (fs.existsSync(logs)) fs.cpSync(logs, path.join(artifactsDir, 'vscode-logs'), { recursive: true });
  });
  console.log(`E2E: code-server ${server.url} (log: ${path.relative(repoRoot, server.logFile)})`);

  const browser = await launchBrowser();
  cleanups.push(() => browser.close());

  /** A new window (browser context) on a fresh copy of the workspace.
   * @param {string} name @param {string} [extensionTestsPath] */
  const newWindow = async (name, extensionTestsPath) => {
    const context = await browser.newContext({ viewport: VIEWPORT });
    cleanups.push(() => context.close());
    const p = await context.newPage();
    logConsole(p, name);
    const folder = makeWorkspace(root, `${name}-workspace`);
    page = p;
    await openWorkbench(p, workbenchUrl(server, { folder, extensionDevelopmentPath: extensionPath, extensionTestsPath }));
    return { page: p, folder, context };
  };

  if (withHost) {
    console.log('E2E: in-host tests (real extension host, vscode API)');
    const w = await newWindow('host', path.join(hostOut, 'index.js'));
    // The tests start 3–8 s after the workbench shows; the page must stay open until they finish.
    lastHostActivity = Date.now();
    while (!fs.existsSync(resultFile)) {
      if (Date.now() - lastHostActivity > HOST_IDLE_TIMEOUT_MS) {
        await screenshot(w.page, 'FAILED-host-no-result').catch(() => undefined);
        throw new Error(
          `extension tests wrote no result within ${HOST_IDLE_TIMEOUT_MS / 1000} s of their last sign of life ` +
          `(last event: ${lastHostEvent}); see test-results/e2e/vscode-logs/ (exthost.log) and the screenshot`,
        );
      }
      await sleep(250);
    }
    // The file is the record of truth; an event lost on the way is still counted.
    const written = /** @type {{ tests: Omit<Result, 'kind'>[] }} */ (JSON.parse(fs.readFileSync(resultFile, 'utf8')));
    for (const t of written.tests) {
      if (!results.some((r) => r.kind === 'host' && r.title.join('\0') === t.title.join('\0'))) record({ kind: 'host', ...t });
    }
    await w.context.close();
  }

  if (withUi) {
    console.log('E2E: UI tests (Playwright)');
    /** @type {Promise<string[]>} */
    const ready = new Promise((resolve) => { onReady = resolve; });
    const w = await newWindow('ui');
    const loaded = await withTimeout(ready, READY_TIMEOUT_MS,
      `the UI window's extension host did not report in within ${READY_TIMEOUT_MS / 1000} s (probe extension)`);
    if (!loaded.some((id) => id.toLowerCase() === extensionId())) {
      throw new Error(`${extensionId()} is not among the extensions of the UI window (see test-results/e2e/vscode-logs/)`);
    }
    /** @type {import('./ui/session').E2ESession} */
    const session = {
      page: w.page,
      workspace: w.folder,
      screenshot: (name) => screenshot(w.page, name),
      webviewScreenshot: (name) => webviewScreenshot(w.page, name),
      webview: (opts) => webviewFrame(w.page, opts),
      quickOpen: (rel) => quickOpen(w.page, rel, w.folder),
      runCommand: (title) => runCommand(w.page, title),
    };
    Object.assign(globalThis, { __bmadE2E: session });
    await runMocha('ui', list(uiOut, '.test.mjs'), w.page);
  }
}

/**
 * Runs test files with mocha here in Node. The installed-extension tests drive their own window
 * and take their own screenshots on failure; the UI tests get one of `page`.
 * @param {'ui' | 'installed' | 'collab'} kind @param {string[]} files @param {import('playwright-core').Page} [page]
 */
async function runMocha(kind, files, page) {
  const mocha = new Mocha({
    ui: 'bdd',
    timeout: TEST_TIMEOUT_MS,
    reporter: /** @param {Mocha.Runner} runner */ function BmadReporter(runner) {
      const C = Mocha.Runner.constants;
      runner.on(C.EVENT_TEST_PASS, (t) => record({ kind, state: 'passed', title: t.titlePath(), durationMs: t.duration }));
      runner.on(C.EVENT_TEST_PENDING, (t) => record({ kind, state: 'pending', title: t.titlePath() }));
      runner.on(C.EVENT_TEST_FAIL, (t, err) =>
        record({ kind, state: 'failed', title: t.titlePath(), durationMs: t.duration, error: describeError(err) }));
    },
  });
  if (grep) mocha.grep(grep);
  if (page) {
    mocha.suite.afterEach(async function screenshotOnFailure() {
      const t = this.currentTest;
      if (t?.state === 'failed') await screenshot(page, `FAILED-${kind}-${t.titlePath().join('-')}`).catch(() => undefined);
    });
  }
  for (const f of files.sort()) mocha.addFile(f);
  await mocha.loadFilesAsync();
  await new Promise((resolve) => mocha.run(resolve));
}

/** Prints a test as it ends and keeps it for the summary. @param {Result} r */
function record(r) {
  results.push(r);
  const mark = { passed: '✓', failed: '✗', pending: '-' }[r.state];
  const time = r.durationMs !== undefined && r.durationMs >= 1000 ? ` (${(r.durationMs / 1000).toFixed(1)} s)` : '';
  console.log(`  ${mark} [${r.kind}] ${r.title.join(' › ')}${time}`);
}

/** @param {number} elapsedMs */
function summarize(elapsedMs) {
  const failed = results.filter((r) => r.state === 'failed');
  const passed = results.filter((r) => r.state === 'passed').length;
  const pending = results.filter((r) => r.state === 'pending').length;
  failed.forEach((r, i) => {
    console.log(`\n${i + 1}) [${r.kind}] ${r.title.join(' › ')}`);
    console.log(indent(r.error?.stack ?? r.error?.message ?? 'failed'));
  });
  if (failed.length) console.log(`\nE2E: screenshots and logs in ${path.relative(process.cwd(), artifactsDir) || '.'}/`);
  if (!passed && !failed.length) console.log('E2E: no test ran');
  console.log(`E2E: finished in ${Math.round(elapsedMs / 1000)} s`);
  console.log(`E2E: ${passed} passed, ${failed.length} failed${pending ? `, ${pending} skipped` : ''}`);
  return failed.length || !passed ? 1 : 0;
}

async function cleanup() {
  while (cleanups.length) {
    const fn = cleanups.pop();
    try { await fn?.(); } catch { /* keep cleaning up */ }
  }
}

/** A fresh copy of test/e2e/workspace/ (or an empty folder when there is none). */
function makeWorkspace(/** @type {string} */ root, /** @type {string} */ name) {
  const dir = path.join(root, name);
  const fixture = path.join(repoRoot, 'test/e2e/workspace');
  if (fs.existsSync(fixture)) fs.cpSync(fixture, dir, { recursive: true });
  else fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** Browser console errors go to test-results/e2e/browser-console.log, for a post-mortem.
 * @param {import('playwright-core').Page} page @param {string} name */
function logConsole(page, name) {
  const file = path.join(artifactsDir, 'browser-console.log');
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') fs.appendFileSync(file, `[${name}] ${m.type()}: ${m.text()}\n`);
  });
  page.on('pageerror', (e) => fs.appendFileSync(file, `[${name}] pageerror: ${e.stack ?? e.message}\n`));
}

/** Test sources (*.test.ts) or bundles under dir, recursively. @param {string} dir */
function list(dir, suffix = '.test.ts') {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith(suffix)).map((f) => path.join(dir, f)).sort();
}

/**
 * @template T
 * @param {Promise<T>} promise @param {number} ms @param {string} message
 * @returns {Promise<T>}
 */
function withTimeout(promise, ms, message) {
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  const timeout = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(message)), ms); });
  // The timer is cleared either way: a pending one would keep this process alive after the summary.
  return /** @type {Promise<T>} */ (Promise.race([promise, timeout])).finally(() => clearTimeout(timer));
}

/** @param {unknown} err */
function describeError(err) {
  if (err instanceof Error) return { message: err.message, ...(err.stack ? { stack: err.stack } : {}) };
  return { message: String(err) };
}

/** @param {string} text */
function indent(text) { return text.split('\n').map((l) => `   ${l}`).join('\n'); }
