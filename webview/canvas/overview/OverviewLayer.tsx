import { useStoreApi } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import { useGeometry } from '../../hooks/useGeometry';
import { usePalette } from '../../hooks/usePalette';
import { useUi } from '../../hooks/useUi';
import { renderStore } from '../../render/renderStore';
import type { UiState } from '../../state/uiState';
import { benchSignals } from '../../bench/benchSignals';
import { drawOverview } from './drawOverview';
import { Thumbnails } from './thumbnails';

const selectSelection = (s: UiState) => s.selection;
/** Extra canvas around the pane, as a fraction of its size on each side. */
const MARGIN = 0.5;

/**
 * The zoomed-out canvas: all nodes and edges on one <canvas> that follows React Flow's viewport, with
 * titles and output thumbnails where they are legible (drawLabels.ts).
 * The canvas is drawn larger than the pane; a pan only moves it with a CSS transform (no drawing:
 * rasterizing thousands of rects costs more than the pan's whole frame budget without a GPU), and it
 * is redrawn when the zoom changes, the view nears its edge, or a thumbnail changes or arrives.
 * Driven by store subscriptions, not by React renders, coalesced to one draw per task.
 */
export function OverviewLayer({ active }: { active: boolean }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const store = useStoreApi();
  const g = useGeometry(active);
  const palette = usePalette();
  const selection = useUi(selectSelection);

  useEffect(() => {
    const el = ref.current;
    const context = el?.getContext('2d');
    if (!active || !g || !el || !context) return;
    const canvas = el, ctx = context, geometry = g;
    let drawn: { x: number; y: number; zoom: number; width: number; height: number } | undefined;
    let queued = false;
    const thumbs = new Thumbnails(() => redraw());
    const thumbnail = (i: number) => {
      const src = renderStore.get(geometry.ids[i]!)?.thumbnail;
      return src ? thumbs.get(src) : undefined;
    };
    const update = () => {
      queued = false;
      const { transform: [x, y, zoom], width, height } = store.getState();
      const mx = Math.round(width * MARGIN), my = Math.round(height * MARGIN);
      if (drawn && drawn.zoom === zoom && drawn.width === width && drawn.height === height && Math.abs(x - drawn.x) < mx && Math.abs(y - drawn.y) < my) {
        canvas.style.transform = `translate(${x - drawn.x}px, ${y - drawn.y}px)`;
        return;
      }
      const dpr = window.devicePixelRatio || 1;
      const cw = width + 2 * mx, ch = height + 2 * my;
      if (canvas.width !== Math.round(cw * dpr) || canvas.height !== Math.round(ch * dpr)) {
        canvas.width = Math.round(cw * dpr);
        canvas.height = Math.round(ch * dpr);
        Object.assign(canvas.style, { left: `${-mx}px`, top: `${-my}px`, width: `${cw}px`, height: `${ch}px` });
      }
      drawOverview(ctx, geometry, { x: x + mx, y: y + my, zoom, width: cw, height: ch, dpr }, palette, selection, thumbnail);
      thumbs.endDraw();
      canvas.style.transform = 'translate(0px, 0px)';
      drawn = { x, y, zoom, width, height };
      if (__BMAD_BENCH__) benchSignals.overviewDraws++;
    };
    const schedule = () => {
      if (queued) return;
      queued = true;
      queueMicrotask(update);
    };
    const redraw = () => {
      drawn = undefined;
      schedule();
    };
    update();
    const offRenders = renderStore.subscribeAll(redraw);
    const offView = store.subscribe((s, prev) => {
      if (s.transform !== prev.transform || s.width !== prev.width || s.height !== prev.height) schedule();
    });
    return () => {
      offRenders();
      offView();
    };
  }, [active, g, palette, selection, store]);

  return <canvas ref={ref} className="overview-layer" hidden={!active} aria-hidden="true" />;
}
