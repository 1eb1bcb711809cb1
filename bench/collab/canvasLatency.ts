import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import * as bp from '../canvas/benchPage.mjs';
import { frameStamps, type FrameStamps } from './frameStamps';
import type { Stamp } from './probes';

/**
 * Gesture in A → rendered in B's canvas: pages of the REAL webview bundle (bench/canvas's page, with
 * its host shim standing in for VS Code) in one session through `bmad signal`. A's page presses
 * ArrowRight on a selected card at a fixed rate (each press is one nudge gesture, one op, one
 * shared-doc update); every other page stamps the moment the card's transform on its canvas shows that
 * press (a MutationObserver on the card). Stamps are wall clock (timeOrigin + now) in each page.
 */

const FLAGS = [...bp.CHROMIUM_FLAGS, '--disable-features=WebRtcHideLocalIpsWithMdns'];

export interface CanvasSwarm {
  /** `n` canvas pages in one new room, every one connected to all others. */
  room(n: number, nodes: number): Promise<Page[]>;
  /** One canvas page showing a grid of `nodes` cards (0: an empty canvas), in no room yet. */
  page(nodes: number): Promise<Page>;
  /** A new room's name. */
  newRoom(): string;
  close(): Promise<void>;
}

/** Asks `page`'s canvas to join `room` as its host would (the `collabJoin` message). */
export async function joinRoom(page: Page, room: string, signalUrl: string): Promise<void> {
  await page.evaluate(([r, url]) => {
    (window as unknown as { __host: { send(m: unknown): void } }).__host.send({
      type: 'collabJoin', invite: { room: r, password: 'bench-password' }, signallingUrls: [url], user: { name: 'bench peer' },
    });
  }, [room, signalUrl] as const);
}

/** `build`: how the page is built (profileLatency.ts wants function names: minify false). */
export async function startCanvasSwarm(signalUrl: string, build?: { minify?: boolean }): Promise<CanvasSwarm> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bmad-collab-canvas-'));
  await bp.buildCanvasPage(dir, build);
  const server = await bp.serve({ '/ours/': dir });
  const udd = fs.mkdtempSync(path.join(os.tmpdir(), 'bmad-collab-canvas-udd-'));
  const browser: Browser = await chromium.launch({ executablePath: bp.CHROMIUM, ignoreDefaultArgs: true,
    args: [...FLAGS, `--user-data-dir=${udd}`, '--remote-debugging-pipe', '--no-startup-window'] });
  let seq = 0;
  const page = async (nodes: number): Promise<Page> => {
    const ctx = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    // tsx compiles this file keeping function names (`__name(fn, "x")`), and the functions below are
    // sent to the page as their source: the page needs that helper too.
    await ctx.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    const p = await ctx.newPage();
    await p.goto(`${server.url}/ours/index.html?n=${nodes}&mm=0&snap=0&view=z1`);
    await p.evaluate(() => window.__bmadCanvas!.ready);
    return p;
  };
  const newRoom = () => `canvas-bench-${process.pid}-${++seq}`;
  return {
    page,
    newRoom,
    async room(n, nodes) {
      const room = newRoom();
      const pages = await Promise.all(Array.from({ length: n }, () => page(nodes)));
      await Promise.all(pages.map((p) => joinRoom(p, room, signalUrl)));
      // The canvas tells its host how many peers it has (collabStatus), as it tells VS Code's status bar.
      await Promise.all(pages.map((p) => p.waitForFunction((k) => {
        const posted = (window as unknown as { __posted: { type: string; peers?: number }[] }).__posted;
        return posted.filter((m) => m.type === 'collabStatus').at(-1)?.peers === k;
      }, n - 1, { polling: 50, timeout: 60_000 })));
      return pages;
    },
    async close() {
      await browser.close();
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(udd, { recursive: true, force: true });
    },
  };
}

/**
 * A card in the open, away from the port legend at the top left (the same document and viewport in
 * every page, so the same card is on screen everywhere).
 */
const openCard = (p: Page) => p.evaluate(() => {
  const fits = (r: DOMRect) => r.left > 400 && r.top > 200 && r.right < innerWidth - 100 && r.bottom < innerHeight - 100;
  const el = [...document.querySelectorAll<HTMLElement>('.react-flow__node')].find((n) => fits(n.getBoundingClientRect()));
  return el?.dataset.id;
});

/**
 * Starts stamping, in `page`, every new x of card `id` as [x − x0 − 1, time]: press i shows as value i.
 * Two stamps: `seen`, the moment the card's DOM has it (a MutationObserver); `framed`, the layout of
 * the first frame that has it (frameStamps.ts).
 */
async function watch(page: Page, id: string): Promise<void> {
  await page.evaluate(`window.__frames = (${frameStamps.toString()})()`);
  await page.evaluate((nodeId) => {
    const frames = (window as unknown as { __frames: FrameStamps }).__frames;
    const el = document.querySelector<HTMLElement>(`.react-flow__node[data-id="${nodeId}"]`)!;
    const x = () => Number(/translate\(\s*(-?[\d.]+)px/.exec(el.style.transform)?.[1] ?? Number.NaN);
    const x0 = x();
    const seen: [number, number][] = [];
    new MutationObserver(() => {
      const v = x() - x0 - 1;
      if (v > (seen.at(-1)?.[0] ?? -1)) seen.push([v, performance.timeOrigin + performance.now()]), frames.mark(v);
    }).observe(el, { attributes: true, attributeFilter: ['style'] });
    Object.assign(window, { __seen: seen, __framed: frames.stamps });
  }, id);
}

/**
 * A presses ArrowRight `count` times at `perSecond` on a card; returns A's stamps, and each other
 * page's (DOM changed, and laid out in a frame: see watch), and A's own (its canvas showing its own
 * gesture: the part of the latency spent before anything is sent).
 */
export async function gestureToRender(pages: Page[], count: number, perSecond: number):
  Promise<{ sent: Stamp[]; arrived: Stamp[][]; framed: Stamp[][]; own: Stamp[] }> {
  const [a] = pages as [Page, ...Page[]];
  const id = await openCard(a);
  if (!id) throw new Error('no card in the open on the canvas');
  await a.locator(`.react-flow__node[data-id="${id}"] .card-header`).click();
  await Promise.all(pages.map((p) => watch(p, id)));
  const sent = await a.evaluate(([k, rate]) => new Promise<[number, number][]>((resolve) => {
    const out: [number, number][] = [];
    const now = () => performance.timeOrigin + performance.now();
    const t0 = now();
    const tick = () => {
      const i = out.length;
      if (i === k) return resolve(out);
      out.push([i, now()]);
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true, cancelable: true }));
      setTimeout(tick, Math.max(0, t0 + ((i + 1) * 1000) / rate - now()));
    };
    tick();
  }), [count, perSecond] as const);
  const stamps = await Promise.all(pages.map((p) => p.waitForFunction((last) => {
    const w = window as unknown as { __seen: [number, number][]; __framed: [number, number][] };
    return (w.__framed.at(-1)?.[0] ?? -1) >= last && { seen: w.__seen, framed: w.__framed };
  }, count - 1, { polling: 'raf', timeout: 60_000 }).then((h) => h.jsonValue() as Promise<{ seen: Stamp[]; framed: Stamp[] }>)));
  const [own, ...others] = stamps;
  return { sent, arrived: others.map((o) => o.seen), framed: others.map((o) => o.framed), own: own!.seen };
}
