// What a UI test gets: a Chromium page showing a real VS Code window (an Extension Development Host
// with this repository's extension) on a fresh temporary copy of the E2E workspace. test/e2e/run.mjs
// creates it and puts it on globalThis before it loads the UI test bundles; the helpers are those of
// test/e2e/workbench.mjs, bound to this page.
import type { Frame, Page } from 'playwright-core';

export interface E2ESession {
  /** The browser page with the VS Code workbench. */
  page: Page;
  /** Absolute path of the workspace folder the window has open. */
  workspace: string;
  /** Screenshot of the whole window into test-results/e2e/<name>.png; returns the file's path. */
  screenshot(name: string): Promise<string>;
  /** Screenshot of just the visible webview of the extension; returns the file's path. */
  webviewScreenshot(name: string): Promise<string>;
  /** The content frame of the extension's visible webview (look it up again after its HTML changes). */
  webview(opts?: { timeoutMs?: number }): Promise<Frame>;
  /** Opens a workspace file through Quick Open; *.bmad files open in the canvas editor. */
  quickOpen(relPath: string): Promise<void>;
  /** Runs a command through the palette by its title, e.g. 'BMAD: New Film Project'. */
  runCommand(title: string): Promise<void>;
}

export function session(): E2ESession {
  const s = (globalThis as { __bmadE2E?: E2ESession }).__bmadE2E;
  if (!s) throw new Error('no E2E session: run the UI tests through `node test/e2e/run.mjs`');
  return s;
}

/** Polls `probe` until it gives a value: how a UI test waits for what the person would see. */
export async function until<T>(what: string, probe: () => Promise<T | undefined | false> | T | undefined | false, ms = 15000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
