import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { applyOp, Op } from '../../core/ops';
import { type BmadDocument } from '../../core/schema';
import { serializeDocument } from '../../core/serialize';

/**
 * The canvas in a real Chromium: the production webview bundle (with the bench hook) on the bench page,
 * under the webview's own CSP, with the host shim (bench/canvas/bench.host-shim.ts) standing in for VS
 * Code. Messages the canvas posts are in `window.__posted`; host messages are sent with
 * `window.__host.send`; CSP violations the page reports are in `window.__csp` (see cspViolations).
 */
export interface CanvasHarness {
  /**
   * `state`: the webview's saved state to start from; `size`: the page's size (default 1600×1000);
   * `unreachable`: a file of the page whose request fails as a webview's does when it escapes VS Code's
   * service worker (net::ERR_NAME_NOT_RESOLVED). A page without its bundle never gets ready: use it
   * with `host=manual`, which waits for nothing.
   */
  open(query: string, init?: { state?: unknown; size?: { width: number; height: number }; unreachable?: string }): Promise<Page>;
  close(): Promise<void>;
}

export interface CspViolation {
  readonly directive: string;
  readonly blocked: string;
}

export async function startCanvas(): Promise<CanvasHarness> {
  const bp = await import('../../bench/canvas/benchPage.mjs');
  const dir = path.join(bp.repoRoot, 'test-results/browser-page');
  await bp.buildCanvasPage(dir, { production: true });
  const server = await bp.serve({ '/ours/': dir });
  const udd = fs.mkdtempSync(path.join(os.tmpdir(), 'bmad-ui-'));
  const browser: Browser = await chromium.launch({ executablePath: bp.CHROMIUM, ignoreDefaultArgs: true,
    args: [...bp.CHROMIUM_FLAGS, `--user-data-dir=${udd}`, '--remote-debugging-pipe', '--no-startup-window'] });
  return {
    async open(query, init) {
      const ctx = await browser.newContext({ viewport: init?.size ?? { width: 1600, height: 1000 } });
      await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
      const page = await ctx.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      // Before any of the page's scripts: every violation of the page's CSP, as the page reports it.
      await page.addInitScript(() => {
        const list: CspViolation[] = [];
        (window as unknown as { __csp: CspViolation[] }).__csp = list;
        document.addEventListener('securitypolicyviolation', (e) => list.push({ directive: e.effectiveDirective, blocked: e.blockedURI }));
      });
      if (init?.unreachable) await page.route(`**/ours/${init.unreachable}`, (route) => route.abort('namenotresolved'));
      if (init?.state !== undefined) await page.addInitScript((s) => ((window as unknown as { __benchInitialState: unknown }).__benchInitialState = s), init.state);
      await page.goto(`${server.url}/ours/index.html?${query}`);
      if (!query.includes('host=manual')) await page.waitForFunction(() => (window as unknown as { __bmadCanvas?: { ready: Promise<unknown> } }).__bmadCanvas?.ready.then(() => ((window as unknown as { __ok: boolean }).__ok = true)) && (window as unknown as { __ok?: boolean }).__ok, null, { polling: 50, timeout: 30000 });
      if (errors.length) throw new Error(errors.join('\n'));
      return page;
    },
    async close() {
      await browser.close();
      await server.close();
      fs.rmSync(udd, { recursive: true, force: true });
    },
  };
}

/**
 * The harness for one `describe` (call it there): started before the suite's tests and closed after
 * them; every page a test opens with `open` is closed (its browser context) after that test.
 */
export function canvasSuite(): Pick<CanvasHarness, 'open'> {
  let harness: CanvasHarness | undefined;
  let pages: Page[] = [];
  before(async () => (harness = await startCanvas()));
  after(async () => harness?.close());
  afterEach(async () => {
    await Promise.all(pages.map((p) => p.context().close()));
    pages = [];
  });
  return {
    async open(query, init) {
      if (!harness) throw new Error('canvasSuite: a page was opened outside the suite\'s tests');
      const page = await harness.open(query, init);
      pages.push(page);
      return page;
    },
  };
}

type Posted = { type: string; seq?: number; op?: { type: string; [k: string]: unknown }; level?: string; message?: string; nodeIds?: string[] };

export const posted = (page: Page, type?: string): Promise<Posted[]> =>
  page.evaluate((t) => ((window as unknown as { __posted: Posted[] }).__posted).filter((m) => !t || m.type === t), type);

export const ops = async (page: Page): Promise<NonNullable<Posted['op']>[]> => (await posted(page, 'op')).map((m) => m.op!);

/**
 * What the host would write after the canvas's ops: each posted op applied in turn to `doc` (what the
 * host had), as the document and its canonical text. `upTo` stops after that many ops.
 */
export async function written(page: Page, doc: BmadDocument, upTo?: number): Promise<{ doc: BmadDocument; text: string }> {
  let current = doc;
  for (const op of (await ops(page)).slice(0, upTo)) {
    const r = applyOp(current, Op.parse(op));
    if (!r.ok) throw new Error(`the host would refuse ${op.type}: ${r.message}`);
    current = r.doc;
  }
  return { doc: current, text: serializeDocument(current) };
}

/** Waits until the canvas has posted at least `n` ops (an acknowledgement, not a sleep). */
export const waitForOps = (page: Page, n: number) =>
  page.waitForFunction((k) => (window as unknown as { __posted: Posted[] }).__posted.filter((m) => m.type === 'op').length >= k, n);

export const cspViolations = (page: Page): Promise<CspViolation[]> =>
  page.evaluate(() => (window as unknown as { __csp: CspViolation[] }).__csp);

export const sendFromHost = (page: Page, msg: unknown): Promise<void> =>
  page.evaluate((m) => (window as unknown as { __host: { send(m: unknown): void } }).__host.send(m), msg);

export const node = (page: Page, label: string) => page.locator('.react-flow__node', { hasText: label }).first();

/** Drags from one handle to another with real pointer events, as a person would. */
export async function dragHandle(page: Page, from: { label: string; handle: string }, to: { label: string; handle: string }): Promise<void> {
  const a = await node(page, from.label).locator(`.react-flow__handle[data-handleid="${from.handle}"]`).boundingBox();
  const b = await node(page, to.label).locator(`.react-flow__handle[data-handleid="${to.handle}"]`).boundingBox();
  if (!a || !b) throw new Error('handle not on screen');
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 10 });
  await page.mouse.up();
}
