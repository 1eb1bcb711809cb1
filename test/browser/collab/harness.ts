import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { CollabPageApi, StateVector } from './page';

/**
 * Peers in a real Chromium: each a page in its own browser context (no shared storage or
 * BroadcastChannel), loading test/browser/collab/page.ts bundled by esbuild, served over http from
 * 127.0.0.1 (a secure context, so WebCrypto works). Every WebSocket a page opens is recorded.
 */

const repoRoot = path.resolve(__dirname, '../../..');
// Chromium hides local addresses behind mDNS names in ICE candidates, which nothing here resolves.
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-features=WebRtcHideLocalIpsWithMdns'];

export interface Peer<Api = CollabPageApi> {
  readonly page: Page;
  /** Runs `fn` with the page's api (`window.__collab` for page.ts). */
  run<R, A>(fn: (api: Api, arg: A) => R | Promise<R>, arg: A): Promise<R>;
  join(room: string, o?: { password?: string }): Promise<void>;
}

export interface Swarm<Api = CollabPageApi> {
  /** The page bundle's text (to check what it contains). */
  readonly bundle: string;
  /** Every WebSocket URL any page opened. */
  readonly sockets: string[];
  peer(): Promise<Peer<Api>>;
  close(): Promise<void>;
}

/** A page script and the global it puts its api in (`join({room, password, urls})` among it). */
export interface PageScript {
  readonly entry: string;
  readonly global: string;
}

export async function startSwarm<Api = CollabPageApi>(
  signallingUrl: () => string, script: PageScript = { entry: path.join(__dirname, 'page.ts'), global: '__collab' },
): Promise<Swarm<Api>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bmad-collab-page-'));
  const built = await esbuild.build({
    entryPoints: [script.entry], bundle: true, format: 'iife', platform: 'browser', target: 'chrome120',
    absWorkingDir: repoRoot, write: false, logLevel: 'silent',
  });
  const bundle = built.outputFiles[0]!.text;
  fs.writeFileSync(path.join(dir, 'page.js'), bundle);
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><meta charset="utf-8"><title>collab peer</title><script src="page.js"></script>\n');
  const bp = await import('../../../bench/canvas/benchPage.mjs');
  const server = await bp.serve({ '/collab/': dir });
  const udd = fs.mkdtempSync(path.join(os.tmpdir(), 'bmad-collab-'));
  const browser: Browser = await chromium.launch({ executablePath: bp.CHROMIUM, ignoreDefaultArgs: true,
    args: [...FLAGS, `--user-data-dir=${udd}`, '--remote-debugging-pipe', '--no-startup-window'] });
  const sockets: string[] = [];
  return {
    bundle,
    sockets,
    async peer() {
      const ctx = await browser.newContext();
      const page = await ctx.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('websocket', (ws) => sockets.push(ws.url()));
      await page.goto(`${server.url}/collab/index.html`);
      if (errors.length) throw new Error(errors.join('\n'));
      const run: Peer<Api>['run'] = (fn, arg) =>
        page.evaluate(([src, a, g]) => (new Function('api', 'arg', `return (${src})(api, arg)`) as (api: unknown, arg: unknown) => unknown)(
          (window as unknown as Record<string, unknown>)[g], a), [fn.toString(), arg, script.global] as const) as never;
      return {
        page,
        run,
        join: (room, o = {}) => run((api, a) => (api as { join(x: typeof a): Promise<void> | void }).join(a), { room, password: o.password, urls: [signallingUrl()] }),
      };
    },
    async close() {
      await browser.close();
      await server.close();
      fs.rmSync(udd, { recursive: true, force: true });
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Waits until every peer has every change any of them has made, then returns their digests. */
export async function converge(peers: readonly Peer[]): Promise<string[]> {
  const vectors = await Promise.all(peers.map((p) => p.run((api) => api.stateVector(), null)));
  const target: StateVector = {};
  for (const v of vectors) for (const [c, n] of Object.entries(v)) target[c] = Math.max(target[c] ?? 0, n);
  await Promise.all(peers.map((p) => p.run((api, t) => api.whenCovers(t), target)));
  return Promise.all(peers.map((p) => p.run((api) => api.digest(), null)));
}
