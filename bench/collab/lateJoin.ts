import type { Page } from 'playwright-core';
import { joinRoom, startCanvasSwarm } from './canvasLatency';

/**
 * bench:collab's late joiner as the user sees it: a canvas page of the real webview bundle holding a
 * 5,000-node grid is in a room; a second, EMPTY canvas page joins; the time runs from its join until
 * every card of its viewport is drawn (as many visible cards as the first page shows at the same
 * viewport) and the frame after has come (so that one was painted). The breakdown comes from the
 * bench-only performance measures of the joining page (webview/bench/benchSpans.ts).
 */

const NODES = 5000;

interface Times {
  join: number;
  connect?: number;
  drawn?: number;
  painted?: number;
}

export interface LateJoin {
  total: number;
  parts: [string, number][];
}

/** Starts watching the empty page for its first peer and for `expected` visible cards, then joins. */
async function joinAndWatch(page: Page, expected: number): Promise<void> {
  await page.evaluate((n) => {
    const w = window as unknown as { __posted: { type: string; peers?: number }[]; __late: Promise<Times> };
    const t: Times = { join: performance.now() };
    const posted = w.__posted;
    const push = posted.push.bind(posted);
    posted.push = (...ms) => {
      for (const m of ms) if (m.type === 'collabStatus' && m.peers === 1) t.connect ??= performance.now();
      return push(...ms);
    };
    w.__late = new Promise((resolve) => {
      const tick = () => {
        const cards = [...document.querySelectorAll<HTMLElement>('.react-flow__node')];
        if (cards.length >= n && cards.every((c) => c.style.visibility !== 'hidden')) {
          t.drawn = performance.now();
          requestAnimationFrame(() => resolve({ ...t, painted: performance.now() }));
        } else requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
  }, expected);
}

export async function lateJoinRuns(signalUrl: string, runs: number): Promise<LateJoin[]> {
  const swarm = await startCanvasSwarm(signalUrl);
  const out: LateJoin[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const room = swarm.newRoom();
      const a = await swarm.page(NODES);
      await joinRoom(a, room, signalUrl);
      const expected = await a.evaluate(() => document.querySelectorAll('.react-flow__node').length);
      const b = await swarm.page(0);
      await joinAndWatch(b, expected);
      await joinRoom(b, room, signalUrl);
      const r = await b.evaluate(async () => {
        const t = await (window as unknown as { __late: Promise<Times> }).__late;
        const spans = (name: string) => performance.getEntriesByName(name, 'measure').filter((e) => e.startTime >= t.join);
        const longest = (name: string) => spans(name).reduce<PerformanceEntry | undefined>((m, e) => (m && m.duration >= e.duration ? m : e), undefined);
        const apply = longest('bmad:collab:apply');
        const arrived = spans('bmad:collab:arrived').filter((e) => e.startTime <= (apply?.startTime ?? Infinity)).at(-1);
        const post = longest('bmad:collab:post');
        const d = (e: PerformanceEntry | undefined) => e?.duration ?? 0;
        return { t, apply: d(apply), applyEnd: apply ? apply.startTime + apply.duration : 0, arrived: arrived?.startTime ?? 0,
          decrypt: d(longest('bmad:collab:decrypt')), flush: d(longest('bmad:doc:flush')), post: d(post), postEnd: post ? post.startTime + post.duration : 0 };
      });
      const { t } = r;
      const connect = t.connect! - t.join;
      // The host write of a peer's change waits for the frame that shows it (canvasCollab.ts): then it is
      // not part of join → painted, and is reported as coming after.
      const postBefore = r.postEnd <= t.painted!;
      const rendered = t.painted! - Math.max(r.applyEnd, postBefore ? r.postEnd : 0);
      out.push({ total: t.painted! - t.join, parts: [
        ['signalling + WebRTC connect', connect],
        ['transfer (sync step 1 → whole state arrived, chunks)', r.arrived - t.connect!],
        ['decrypt', r.decrypt],
        ['Y.applyUpdate (and sync reply)', r.apply - r.flush],
        [`CanvasDoc flush (nodeFromY × ${NODES.toLocaleString('en')})`, r.flush],
        [`host write (serialize + validate + post collabDoc)${postBefore ? '' : ', after paint: not in the total'}`, r.post],
        ['React render → painted', rendered],
      ] });
      await Promise.all([a.context().close(), b.context().close()]);
    }
  } finally {
    await swarm.close();
  }
  return out;
}
