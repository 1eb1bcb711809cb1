import type { Stamp } from './probes';

export interface FrameStamps {
  /** `value` is in the DOM now: it is stamped at the layout of the first frame from here. */
  mark(value: number): void;
  readonly stamps: Stamp[];
}

/**
 * In a page: stamps each value marked at the layout of the first frame that has it, after which that
 * frame is painted: what a person sees, whether a page changes its DOM as updates arrive or once a
 * frame. A ResizeObserver on a probe whose width changes every frame is called after each frame's
 * animation-frame callbacks, style and layout, and before its paint.
 *
 * Self-contained (no imports, no outer names): canvas pages get it as source (canvasLatency.ts).
 */
export function frameStamps(): FrameStamps {
  const stamps: Stamp[] = [];
  let unframed: number[] = [];
  const probe = document.body.appendChild(document.createElement('div'));
  probe.style.cssText = 'position:fixed;left:0;top:0;height:1px;width:1px;opacity:0;pointer-events:none';
  new ResizeObserver(() => {
    const t = performance.timeOrigin + performance.now();
    for (const v of unframed) stamps.push([v, t]);
    unframed = [];
  }).observe(probe);
  const flip = (): void => {
    probe.style.width = probe.style.width === '1px' ? '2px' : '1px';
    requestAnimationFrame(flip);
  };
  requestAnimationFrame(flip);
  return { mark: (v) => void unframed.push(v), stamps };
}
