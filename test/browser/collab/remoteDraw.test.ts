import assert from 'node:assert/strict';
import { node } from '../canvasPage';
import { canvasSessionSuite } from './canvasSession';

const PRESSES = 20;

/**
 * How a canvas draws what its peers do, in Chromium: each update is a data-channel message, a task of
 * its own. Drawn one by one, a backlog of them (a drag at 60 moves a second, a busy moment) made one
 * long frame of React renders, and every edit in it waited for all of them.
 */
describe('collaboration: peers\' edits on the canvas, in Chromium', function () {
  this.timeout(120000);
  const { inSession } = canvasSessionSuite();

  it('a burst of edits from a peer is drawn at most twice a frame, and ends where the peer left the card', async () => {
    const [a, b] = await inSession('remote-draw');
    const card = node(a, 'Keyframe 2');
    const id = await card.getAttribute('data-id');
    await card.click({ position: { x: 120, y: 12 } });
    // In B: each change of the card's position on screen, and each animation frame, counted from now.
    // (A string: tsx would wrap a named function sent as source in a helper the page lacks.)
    await b.evaluate(`(() => {
      const el = document.querySelector('.react-flow__node[data-id="${id}"]');
      const draw = (window.__draw = { moves: [el.style.transform], at: [0], frames: 0 });
      new MutationObserver(() => el.style.transform !== draw.moves.at(-1) && draw.moves.push(el.style.transform) && draw.at.push(draw.frames))
        .observe(el, { attributes: true, attributeFilter: ['style'] });
      const count = () => { draw.frames++; requestAnimationFrame(count); };
      requestAnimationFrame(count);
    })()`);
    const start = await b.evaluate(() => (window as unknown as { __draw: { moves: string[] } }).__draw.moves[0]!);
    // A nudges the card PRESSES times in one task: PRESSES gestures, PRESSES updates sent back to back.
    const end = await a.evaluate(async ([nodeId, n]) => {
      for (let i = 0; i < n; i++) window.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true, cancelable: true }));
      // A draws its own gestures once they are sent (a microtask later): by the next frame.
      await new Promise((resolve) => requestAnimationFrame(resolve));
      return document.querySelector<HTMLElement>(`.react-flow__node[data-id="${nodeId}"]`)!.style.transform;
    }, [id, PRESSES] as const);
    assert.notEqual(end, start, 'A moved the card');
    await b.waitForFunction((t) => (window as unknown as { __draw: { moves: string[] } }).__draw.moves.at(-1) === t, end);
    const { at } = await b.evaluate(() => (window as unknown as { __draw: { at: number[] } }).__draw);
    // Between two frames: the first edit to arrive is drawn at once, any more at the next frame, together.
    const between = new Map<number, number>();
    for (const f of at.slice(1)) between.set(f, (between.get(f) ?? 0) + 1);
    const most = Math.max(...between.values());
    assert.ok(most <= 2, `B redrew the card ${most} times between two frames (${at.length - 1} redraws in ${at.at(-1)! + 1} frames)`);
  });
});
