import { useStoreApi, ViewportPortal } from '@xyflow/react';
import { memo, useEffect, useState } from 'react';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** How far the backing reaches beyond the view on each side, in views. */
const MARGIN = 1;

const inside = (a: Box, b: Box) => a.x >= b.x && a.y >= b.y && a.x + a.width <= b.x + b.width && a.y + a.height <= b.y + b.height;

/**
 * The backdrop of full cards: an opaque rectangle with the dot grid (one dot per `gap` flow px, on
 * the snap grid), inside React Flow's viewport and below everything in it. At that zoom the viewport
 * is one composited layer (canvas.css), so a pan moves a layer and repaints nothing; without a GPU,
 * painting is what a pan frame costs. This backing keeps it ONE layer: over a sparse canvas (cards
 * with gaps between them) Chromium splits a composited layer's content into a layer per card and per
 * edge, and draws each of them in software on every frame; under an opaque backing the content is
 * dense and stays together. (React Flow's <Background> also re-rendered its SVG on every frame.)
 * It covers the view and one view around it, and moves only when the view reaches its edge.
 */
export const DotBackground = memo(function DotBackground({ gap, size }: { gap: number; size: number }) {
  const [el, setEl] = useState<HTMLDivElement | null>(null);
  const store = useStoreApi();
  useEffect(() => {
    if (!el) return;
    const r = size / 2;
    Object.assign(el.style, {
      backgroundSize: `${gap}px ${gap}px`,
      backgroundPosition: `${-gap / 2}px ${-gap / 2}px`,
      backgroundImage: `radial-gradient(circle, var(--xy-background-pattern-color) ${r}px, transparent ${r + 0.5}px)`,
    });
    let box: Box | undefined;
    const place = () => {
      const { transform: [x, y, k], width, height } = store.getState();
      if (!width || !height) return;
      const view = { x: -x / k, y: -y / k, width: width / k, height: height / k };
      if (box && inside(view, box)) return;
      const snap = (v: number) => Math.floor(v / gap) * gap;
      const reach = 1 + 2 * MARGIN;
      box = {
        x: snap(view.x - MARGIN * view.width),
        y: snap(view.y - MARGIN * view.height),
        width: reach * view.width + 2 * gap,
        height: reach * view.height + 2 * gap,
      };
      Object.assign(el.style, { left: `${box.x}px`, top: `${box.y}px`, width: `${box.width}px`, height: `${box.height}px` });
    };
    place();
    return store.subscribe((s, prev) => {
      if (s.transform !== prev.transform || s.width !== prev.width || s.height !== prev.height) place();
    });
  }, [el, gap, size, store]);
  return (
    <ViewportPortal>
      <div ref={setEl} className="dot-backing" aria-hidden="true" />
    </ViewportPortal>
  );
});
