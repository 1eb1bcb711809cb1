import type { Page } from 'playwright-core';
import { serializeDocument } from '../../core/serialize';
import type { BmadDocument } from '../../core/schema';
import { joinRoom, startCanvasSwarm } from './canvasLatency';
import { frameStamps, type FrameStamps } from './frameStamps';
import { roomEdits, type Moved } from './roomEdits';

/**
 * bench:collab's late joiner as the user sees it: a canvas page of the real webview bundle holding a
 * 5,000-node grid is in a room; a second canvas page joins. Two joiners:
 *
 *  - `empty`: a page with an EMPTY canvas joins an unedited, settled room (it has kept its state); the time runs from its join until every
 *    card of its viewport is drawn (as many visible cards as the first page shows), stamped at the
 *    layout of the frame that draws them, before its paint (frameStamps.ts, as the latency rows).
 *  - `same file`: what users do (each peer has its own clone): the joiner page has the SAME 5,000-node
 *    file open (shown and seeded, as the extension opens it), and the room has made edits before it
 *    joins (roomEdits.ts: 50 moves, 5 param edits). The time runs from its join until its canvas
 *    shows every moved card of its viewport at its moved position (and the frame after has come);
 *    then its host write must equal the room's document, or the bench fails.
 *
 * The breakdown comes from the bench-only performance measures of the joining page (webview/bench/benchSpans.ts).
 */

const NODES = 5000;

export type Joiner = 'empty' | 'same file';

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

/**
 * Starts watching the joining page for its first peer and for its canvas to show what the room has:
 * `expected` visible cards, each of `moved` (those on screen) at its position; then it joins.
 */
async function joinAndWatch(page: Page, expected: number, moved: Moved[]): Promise<void> {
  await page.evaluate(`window.__frames = (${frameStamps.toString()})()`);
  await page.evaluate(([n, want]) => {
    const w = window as unknown as { __posted: { type: string; peers?: number }[]; __late: Promise<Times> };
    const t: Times = { join: performance.now() };
    const posted = w.__posted;
    const push = posted.push.bind(posted);
    posted.push = (...ms) => {
      for (const m of ms) if (m.type === 'collabStatus' && m.peers === 1) t.connect ??= performance.now();
      return push(...ms);
    };
    const at = (m: Moved) => {
      const el = document.querySelector<HTMLElement>(`.react-flow__node[data-id="${m.id}"]`);
      const xy = el && /translate\(\s*(-?[\d.]+)px,\s*(-?[\d.]+)px/.exec(el.style.transform);
      return !!xy && Number(xy[1]) === m.x && Number(xy[2]) === m.y;
    };
    w.__late = new Promise((resolve) => {
      const tick = () => {
        const cards = [...document.querySelectorAll<HTMLElement>('.react-flow__node')];
        if (cards.length >= n && cards.every((c) => c.style.visibility !== 'hidden') && want.every(at)) {
          t.drawn = performance.now();
          // This frame lays the cards out: its frame stamp is the moment it is about to paint them.
          const frames = (window as unknown as { __frames: FrameStamps }).__frames;
          frames.mark(0);
          const painted = () => (frames.stamps.length ? resolve({ ...t, painted: frames.stamps[0]![1] - performance.timeOrigin }) : requestAnimationFrame(painted));
          requestAnimationFrame(painted);
        } else requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
  }, [expected, moved] as const);
}

/** The joining page's figures, from its bench measures since the join. */
async function breakdown(b: Page) {
  return b.evaluate(async () => {
    const t = await (window as unknown as { __late: Promise<Times> }).__late;
    const spans = (name: string) => performance.getEntriesByName(name, 'measure').filter((e) => e.startTime >= t.join);
    const longest = (name: string) => spans(name).reduce<PerformanceEntry | undefined>((m, e) => (m && m.duration >= e.duration ? m : e), undefined);
    const apply = longest('bmad:collab:apply');
    const arrived = spans('bmad:collab:arrived').filter((e) => e.startTime <= (apply?.startTime ?? Infinity)).at(-1);
    const post = longest('bmad:collab:post');
    const d = (e: PerformanceEntry | undefined) => e?.duration ?? 0;
    return { t, apply: d(apply), applyEnd: apply ? apply.startTime + apply.duration : 0, arrived: arrived?.startTime ?? 0,
      inflate: d(longest('bmad:collab:inflate')), flush: d(longest('bmad:doc:flush')), post: d(post), postEnd: post ? post.startTime + post.duration : 0 };
  });
}

/** What the page's host was last asked to write (collabDoc), once it has been asked. */
async function hostWrite(page: Page): Promise<BmadDocument> {
  const h = await page.waitForFunction(() => {
    const posted = (window as unknown as { __posted: { type: string; doc?: unknown }[] }).__posted;
    return posted.filter((m) => m.type === 'collabDoc').at(-1)?.doc;
  }, null, { polling: 100, timeout: 60_000 });
  return (await h.jsonValue()) as BmadDocument;
}

export async function lateJoinRuns(signalUrl: string, runs: number, joiner: Joiner): Promise<LateJoin[]> {
  const swarm = await startCanvasSwarm(signalUrl);
  const out: LateJoin[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const room = swarm.newRoom();
      const a = await swarm.page(NODES);
      await joinRoom(a, room, signalUrl);
      const edits = joiner === 'same file' ? await roomEdits(a) : undefined;
      // A late joiner finds the room settled: it has kept its whole state, as each peer does a while
      // after joining or changing (snapshots.ts keepWhenSettled), to answer a joiner with none of it.
      await a.waitForFunction(() => performance.getEntriesByName('bmad:collab:keep', 'measure').length > 0, null, { polling: 100, timeout: 60_000 });
      const expected = await a.evaluate(() => document.querySelectorAll('.react-flow__node').length);
      const b = await swarm.page(joiner === 'same file' ? NODES : 0);
      await joinAndWatch(b, expected, edits?.onScreen ?? []);
      const aSince = await a.evaluate(() => performance.now());
      await joinRoom(b, room, signalUrl);
      const r = await breakdown(b);
      // The room's side of the transfer: its answer to the joiner's sync step 1 (the longest apply span).
      const [answer, deflate] = await a.evaluate((since) => ['bmad:collab:apply', 'bmad:collab:deflate'].map((name) => Math.max(0,
        ...performance.getEntriesByName(name, 'measure').filter((e) => e.startTime >= since).map((e) => e.duration))), aSince);
      if (edits && serializeDocument(await hostWrite(b)) !== serializeDocument(edits.doc)) {
        throw new Error("the joiner's document differs from the room's");
      }
      const { t } = r;
      const connect = t.connect! - t.join;
      // The host write of a peer's change waits for the frame that shows it (canvasCollab.ts): then it is
      // not part of join → painted, and is reported as coming after.
      const postBefore = r.postEnd <= t.painted!;
      const rendered = t.painted! - Math.max(r.applyEnd, postBefore ? r.postEnd : 0);
      out.push({ total: t.painted! - t.join, parts: [
        ['signalling + WebRTC connect', connect],
        ['transfer (sync step 1 → the room\'s state arrived, chunks)', r.arrived - t.connect!],
        ['  of which the room peer answering (Y.encodeStateAsUpdate → sync step 2)', answer!],
        ['  of which the room peer deflating its answer', deflate!],
        ['  of which the joiner inflating it', r.inflate],
        ['Y.applyUpdate (and sync reply)', r.apply - r.flush],
        [`CanvasDoc flush (nodeFromY per node changed; ${NODES.toLocaleString('en')} when empty)`, r.flush],
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
