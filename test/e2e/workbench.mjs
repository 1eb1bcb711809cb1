// Playwright helpers for driving the VS Code workbench that code-server serves: launching headless
// Chromium, waiting for the workbench, Quick Open, the command palette, screenshots, and finding a
// webview's content frame. Stateless on purpose: the in-host tests (through the control server) and
// the UI tests (through session()) both call these with their own page.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { repoRoot } from './codeServer.mjs';

export const EXTENSION_ID = 'bmad.bmad-movie-director';
export const artifactsDir = path.join(repoRoot, 'test-results/e2e');

/**
 * Chromium as root, headless, no network chatter; Playwright gives it a fresh profile.
 * @param {string[]} [extraArgs] e.g. `--disable-features=WebRtcHideLocalIpsWithMdns` for WebRTC on loopback
 */
export async function launchBrowser(extraArgs = []) {
  const executablePath = process.env.BMAD_CHROMIUM ?? '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) {
    throw new Error(`Chromium not found at ${executablePath}: run \`bash scripts/setup.sh\``);
  }
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', ...extraArgs,
    ],
  });
}

/**
 * Opens url (a workbench URL from codeServer.workbenchUrl) and waits until the workbench is drawn.
 * @param {import('playwright-core').Page} page
 * @param {string} url
 */
export async function openWorkbench(page, url, timeoutMs = 60_000) {
  await page.goto(url);
  try {
    await page.locator('.monaco-workbench').waitFor({ timeout: timeoutMs });
  } catch {
    throw new Error(`the VS Code workbench (.monaco-workbench) did not appear within ${timeoutMs / 1000} s at ${url}`);
  }
}

/**
 * The content frame of the visible webview that extensionId owns (a custom editor or a webview
 * view). VS Code nests it: an outer iframe (pre/index.html?…&extensionId=…) holds the inner frame
 * (pre/fake.html) with the extension's HTML, which is replaced whenever the HTML is set again, so
 * look it up again after such a change rather than keeping the Frame.
 * @param {import('playwright-core').Page} page
 * @param {{ extensionId?: string, timeoutMs?: number }} [opts]
 * @returns {Promise<import('playwright-core').Frame>}
 */
export async function webviewFrame(page, opts = {}) {
  const extensionId = opts.extensionId ?? EXTENSION_ID;
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      const outer = frame.parentFrame();
      if (!outer || !frame.url().includes('/pre/fake.html')) continue;
      if (!new URL(outer.url()).searchParams.get('extensionId')?.startsWith(extensionId)) continue;
      try {
        const outerEl = await outer.frameElement();
        const innerEl = await frame.frameElement();
        // VS Code loads new content into 'pending-frame' and renames it 'active-frame' when shown.
        if ((await outerEl.isVisible()) && (await innerEl.getAttribute('id')) === 'active-frame') return frame;
      } catch {
        // The frame went away while we looked (HTML replaced, editor closed): look again.
      }
    }
    if (Date.now() > deadline) {
      throw new Error(`no visible webview of ${extensionId} appeared within ${timeoutMs / 1000} s`);
    }
    await page.waitForTimeout(200);
  }
}

/**
 * Opens a workspace file with Quick Open (Ctrl+P), the way a person would; *.bmad files open in the
 * extension's custom editor.
 * @param {import('playwright-core').Page} page
 * @param {string} relPath path relative to the workspace folder
 * @param {string} [root] the workspace folder: given, Quick Open is typed the file's absolute path, which
 *   it opens without its file search (that search has missed files written a moment before, seen in CI)
 */
export async function quickOpen(page, relPath, root) {
  const base = path.basename(relPath);
  const dir = path.dirname(relPath);
  // The row of this file, not of another with the same name in another folder (its folder is the row's description).
  const named = page.locator('.quick-input-list .monaco-list-row', { hasText: base });
  const row = (dir === '.' ? named : named.filter({ hasText: dir })).first();
  const none = page.locator('.quick-input-list .monaco-list-row', { hasText: 'No matching results' });
  // Quick Open lists files from a search it starts when it opens; on a loaded machine that search has
  // come back empty for a file written just before (seen in CI). A person would close it and look
  // again; so do we, a few times, and say so in the log.
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(root ? path.join(root, relPath) : relPath);
    // Enter before the results are listed would do nothing: wait for this file's row (or the empty
    // list) first. Rows of other files with the same name (recently opened ones) may come before it.
    const listed = await row.or(none).first().waitFor({ timeout: 10_000 }).then(() => row.isVisible(), () => false);
    if (listed) break;
    if (attempt === 3) throw new Error(`Quick Open found no "${relPath}" in three tries`);
    console.log(`E2E: Quick Open listed nothing for ${relPath}; closing it and trying again`);
    await page.keyboard.press('Escape');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/**
 * Runs a command from the palette by its visible title, e.g. 'BMAD: New Film Project'.
 * @param {import('playwright-core').Page} page
 * @param {string} title
 */
export async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

/**
 * Waits until the command palette lists a command, as a person would look for it: right after the
 * workbench shows, extensions' contributions are still being read, and a palette opened too early
 * stays without them, so it is closed and opened again until the command is there.
 * @param {import('playwright-core').Page} page
 * @param {string} title
 */
export async function waitForCommand(page, title, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  const input = page.locator('.quick-input-widget input');
  for (;;) {
    await page.keyboard.press('F1');
    await input.waitFor();
    await input.fill(`>${title}`);
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    const found = await row.waitFor({ timeout: 2000 }).then(() => true, () => false);
    await page.keyboard.press('Escape');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    if (found) return;
    if (Date.now() > deadline) throw new Error(`the command palette did not list "${title}" within ${timeoutMs / 1000} s`);
  }
}

/** Screenshot of the page (or of one element) into test-results/e2e/<name>.png; returns the path.
 * @param {{ screenshot(o: { path: string }): Promise<unknown> }} target a Page, Locator or ElementHandle
 * @param {string} name */
export async function screenshot(target, name) {
  fs.mkdirSync(artifactsDir, { recursive: true });
  const file = path.join(artifactsDir, `${safeName(name)}.png`);
  await target.screenshot({ path: file });
  return file;
}

/** Screenshot of just the visible webview of the extension (the outer iframe's box).
 * @param {import('playwright-core').Page} page
 * @param {string} name */
export async function webviewScreenshot(page, name) {
  const outer = (await webviewFrame(page)).parentFrame();
  if (!outer) throw new Error('webview frame has no parent frame');
  return screenshot(await outer.frameElement(), name);
}

/** A file-name-safe version of a test title. @param {string} name */
export function safeName(name) {
  return name.replace(/\.png$/i, '').replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 120) || 'screenshot';
}
