import type { Page } from 'playwright-core';
import type { BmadDocument } from '../../core/schema';

/** A card moved by the room, where it went. */
export interface Moved {
  id: string;
  x: number;
  y: number;
}

const MOVES = 50;
const PARAM_EDITS = 5;
/** Messages the edits are made in: each is one Yjs transaction, one update to the room. */
const STEPS = 5;

/**
 * The room's work before a peer joins (lateJoin.ts): on `page` (in the room), 50 cards moved — those on
 * screen first, so a joiner at the same viewport can be seen to show them — and 5 image prompts
 * edited, in 5 steps. They are made as changes to the page's host text (a `document` message), which in
 * session the canvas writes into the shared doc like a gesture. Returns the document the room ends with,
 * and the moved cards on screen.
 */
export async function roomEdits(page: Page): Promise<{ doc: BmadDocument; onScreen: Moved[] }> {
  const r = await page.evaluate(async ([moves, params, steps]) => {
    const doc = (await (await fetch(`doc.json${location.search}`)).json()) as BmadDocument;
    // Well inside the window: cards near its edges may be culled once moved, here or at the joiner.
    const inside = (r: DOMRect) => r.left > 100 && r.top > 100 && r.right < innerWidth - 100 && r.bottom < innerHeight - 100;
    const screen = [...document.querySelectorAll<HTMLElement>('.react-flow__node')].filter((el) => inside(el.getBoundingClientRect())).map((el) => el.dataset.id!);
    const order = [...screen, ...doc.nodes.map((n) => n.id).filter((id) => !screen.includes(id))];
    const moved = new Set(order.slice(0, moves));
    const images = doc.nodes.filter((n) => n.kind === 'image').slice(0, params).map((n) => n.id);
    const host = (window as unknown as { __host: { send(m: unknown): void } }).__host;
    let current = doc;
    for (let s = 0; s < steps; s++) {
      const step = new Set(order.slice((s * moves) / steps, ((s + 1) * moves) / steps));
      current = {
        ...current,
        nodes: current.nodes.map((n) => {
          const position = step.has(n.id) ? { x: n.position.x + 40, y: n.position.y + 60 } : n.position;
          const p = n.id === images[s] ? { ...n.params, prompt: `the room's prompt ${s}` } : n.params;
          return { ...n, position, params: p } as typeof n;
        }),
      };
      host.send({ type: 'document', file: 'bench/grid.bmad', doc: current, settings: { snapToGrid: false, showMinimap: false } });
    }
    const onScreen = current.nodes.filter((n) => moved.has(n.id) && screen.includes(n.id)).map((n) => ({ id: n.id, ...n.position }));
    return { doc: current, onScreen };
  }, [MOVES, PARAM_EDITS, STEPS] as const);
  // The room has them once its own canvas shows them.
  await page.waitForFunction((want) => want.every((m) => {
    const el = document.querySelector<HTMLElement>(`.react-flow__node[data-id="${m.id}"]`);
    const xy = el && /translate\(\s*(-?[\d.]+)px,\s*(-?[\d.]+)px/.exec(el.style.transform);
    return !!xy && Number(xy[1]) === m.x && Number(xy[2]) === m.y;
  }), r.onScreen, { polling: 'raf', timeout: 60_000 });
  return r;
}
