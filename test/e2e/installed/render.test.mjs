// The extension as a person gets it: `npm run package` builds the linux-x64 .vsix, `code-server
// --install-extension` installs it into the empty extensions folder of a fresh code-server (no
// extensionDevelopmentPath, nothing from this checkout), and the example film is rendered through the
// command palette. A runtime file left out of the package fails here, as it would for the person.
// Run by test/e2e/run.mjs after the other E2E tests, with its own code-server and browser.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot, startCodeServer, workbenchUrl } from '../codeServer.mjs';
import {
  artifactsDir, launchBrowser, openWorkbench, quickOpen, runCommand, screenshot, waitForCommand, webviewFrame,
} from '../workbench.mjs';

const VSIX = path.join(repoRoot, 'dist/bmad-movie-director-linux-x64.vsix');
const EXAMPLE = path.join(repoRoot, 'examples/last-light-at-gull-point');
const CANVAS = '02_Source_Creative/main.bmad';
const RENDER_TIMEOUT_MS = 8 * 60_000;

const pkgVersion = () => JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).version;

/** Runs `npm run package`, its output into test-results/e2e/package.log. */
async function packageVsix() {
  fs.rmSync(VSIX, { force: true });
  const log = path.join(artifactsDir, 'package.log');
  const out = fs.openSync(log, 'w');
  const child = spawn('npm', ['run', 'package'], { cwd: repoRoot, stdio: ['ignore', out, out] });
  const code = await new Promise((resolve) => child.on('close', resolve));
  fs.closeSync(out);
  if (code !== 0 || !fs.existsSync(VSIX)) throw new Error(`npm run package failed (exit ${code}); see ${log}`);
}

/** @typedef {{ streams: { codec_type: string, codec_name: string }[], format: { duration: string } }} Probe */

/** ffprobe's view of a media file: its streams and duration. @param {string} file @returns {Probe} */
function probe(file) {
  const args = ['-v', 'error', '-show_streams', '-show_format', '-of', 'json', file];
  const r = spawnSync('ffprobe', args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ffprobe ${file}: ${r.stderr || r.error}`);
  return JSON.parse(r.stdout);
}

describe('the packaged extension (.vsix), installed into a clean code-server', function () {
  this.timeout(RENDER_TIMEOUT_MS + 5 * 60_000);
  /** @type {string} */ let root;
  /** @type {string} */ let film;
  /** @type {import('./../codeServer.mjs').CodeServer} */ let server;
  /** @type {import('playwright-core').Browser} */ let browser;
  /** @type {import('playwright-core').Page} */ let page;

  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'bmad-e2e-installed-'));
    film = path.join(root, 'last-light-at-gull-point');
    fs.cpSync(EXAMPLE, film, { recursive: true });
    await packageVsix();
    server = await startCodeServer({
      root: path.join(root, 'code-server'),
      vsix: [VSIX],
      logFile: path.join(artifactsDir, 'installed-code-server.log'),
    });
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    await openWorkbench(page, workbenchUrl(server, { folder: film }));
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });
  afterEach(async function () {
    const t = this.currentTest;
    if (t?.state === 'failed' && page) await screenshot(page, `FAILED-installed-${t.title}`).catch(() => undefined);
  });

  it('is installed from the .vsix with its licence files', () => {
    const installed = fs.readdirSync(path.join(server.root, 'extensions')).filter((d) => !d.endsWith('.json'));
    assert.deepEqual(installed, [`bmad.bmad-movie-director-${pkgVersion()}`], 'the one extension installed');
    const dir = path.join(server.root, 'extensions', installed[0]);
    const manifest = fs.readFileSync(path.join(dir, '.vsixmanifest'), 'utf8');
    assert.match(manifest, /TargetPlatform="linux-x64"/, 'packaged for its platform');
    for (const f of [
      'LICENSE.txt', 'licenses/GPL-3.0.txt', 'licenses/LGPL-2.1.txt', 'node_modules/@echogarden/espeak-ng-emscripten/COPYING',
      'node_modules/@fontsource/dejavu-sans/LICENSE', 'node_modules/@napi-rs/canvas/LICENSE', 'node_modules/ffprobe-static/LICENSE',
    ]) {
      assert.ok(fs.existsSync(path.join(dir, f)), `${f} ships`);
    }
    const notices = fs.readFileSync(path.join(dir, 'dist/THIRD_PARTY_NOTICES.txt'), 'utf8');
    const named = ['@ffmpeg-installer/linux-x64', 'ffprobe-static', '@echogarden/espeak-ng-emscripten', '@napi-rs/canvas ', 'react ', 'zod '];
    for (const pkg of named) {
      assert.ok(notices.includes(`\n${pkg}`), `THIRD_PARTY_NOTICES.txt names ${pkg.trim()}`);
    }
  });

  it('renders the example film with "BMAD: Render Canvas" from the command palette', async () => {
    await waitForCommand(page, 'BMAD: New Film Project');
    await quickOpen(page, CANVAS);
    const canvas = await webviewFrame(page);
    // Cards, or (zoomed out to fit the whole film) the overview that draws them all on one <canvas>.
    const drawn = canvas.locator('.react-flow__node').or(canvas.locator('canvas.overview-layer:not([hidden])'));
    await drawn.first().waitFor({ timeout: 30_000 });
    await runCommand(page, 'BMAD: Render Canvas');
    // A new user has no GPU host: the render asks before the CPU preview stands in for the tier.
    const dialog = page.locator('.monaco-dialog-box').filter({ hasText: 'No configured host can run' });
    await dialog.waitFor({ timeout: 60_000 });
    assert.match(await dialog.innerText(), /image\.low@1 needs the container backend and a GPU with 8 GB of VRAM/);
    await dialog.getByRole('button', { name: 'Render with CPU Preview' }).click();

    // The film named by the canvas's output node, in 03_Renders/main/; as long as its shots.
    const doc = JSON.parse(fs.readFileSync(path.join(film, CANVAS), 'utf8'));
    const output = doc.nodes.find((/** @type {{ kind: string }} */ n) => n.kind === 'output');
    const seconds = doc.nodes.filter((/** @type {{ kind: string }} */ n) => n.kind === 'shot')
      .reduce((/** @type {number} */ s, /** @type {{ params: { duration: number } }} */ n) => s + n.params.duration, 0);
    const file = path.join(film, '03_Renders/main', output.params.file);

    // The notification that ends the render: read at once, before it hides itself.
    const toasts = page.locator('.notification-toast');
    const ended = toasts.filter({ hasText: /BMAD: (.* is ready\.|.*(failed|was not rendered|needs input|nothing was rendered|cancelled))/ }).first();
    await ended.waitFor({ timeout: RENDER_TIMEOUT_MS });
    const message = await ended.locator('.notification-list-item-message').innerText();
    await screenshot(page, 'installed-rendered');
    assert.match(message, new RegExp(`^BMAD: ${output.params.file.replace(/[.]/g, '\\.')} is ready\\.`), `the render did not succeed: ${message}`);
    assert.equal(await ended.getByRole('button', { name: 'Open Film' }).count(), 1, 'the message offers to open the film');
    const info = probe(file);
    const video = info.streams.find((s) => s.codec_type === 'video');
    assert.equal(video?.codec_name, 'h264', 'an H.264 video stream');
    assert.equal(info.streams.find((s) => s.codec_type === 'audio')?.codec_name, 'aac', 'an AAC audio stream');
    const duration = Number(info.format.duration);
    assert.ok(Math.abs(duration - seconds) < 0.2, `${duration} s, the shots last ${seconds} s`);
  });
});
