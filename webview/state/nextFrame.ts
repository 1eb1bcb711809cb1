/** A webview gets no animation frames while it is hidden: what waits for one waits this long at most. */
const NO_FRAME_MS = 100;
/** Where nothing is drawn at all (Node, where the unit tests run), the next task stands for the next frame. */
const drawing = typeof requestAnimationFrame === 'function';

let pending: Promise<void> | undefined;

/**
 * One promise per animation frame, settled as the frame starts (before its style, layout and paint),
 * so that whatever waits on it is drawn in that frame, all of it in one React render.
 */
function nextFrame(): Promise<void> {
  if (pending) return pending;
  let frame: number | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const p = new Promise<void>((resolve) => {
    const settle = () => {
      if (pending !== p) return;
      pending = undefined;
      clearTimeout(timer);
      if (frame !== undefined) cancelAnimationFrame(frame);
      resolve();
    };
    timer = setTimeout(settle, drawing ? NO_FRAME_MS : 0);
    if (drawing) frame = requestAnimationFrame(settle);
  });
  pending = p;
  return p;
}

let drewSinceFrame = false;

/**
 * When to draw a change that is not this peer's own: undefined (now) for the first since the last
 * frame, whose render then runs in the idle time before that frame rather than inside it; the promise
 * of the next frame for any more before it, so that a backlog of them is drawn there in one render.
 * At most two renders per frame, whatever the rate they come at.
 */
export function drawNowOrAtFrame(): Promise<void> | undefined {
  if (drewSinceFrame) return nextFrame();
  drewSinceFrame = true;
  void nextFrame().then(() => (drewSinceFrame = false));
  return undefined;
}

/**
 * Runs `fn` in a task after the next frame, so after that frame is painted: for work that must not
 * hold back drawing what just changed.
 */
export function afterNextFrame(fn: () => void): void {
  void nextFrame().then(() => setTimeout(fn, 0));
}
