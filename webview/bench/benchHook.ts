import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useEffect } from 'react';
import { OVERVIEW_ZOOM } from '../canvas/zoomBands';
import type { Viewport } from '../state/uiState';
import { benchSignals } from './benchSignals';

/**
 * A tiny hook for bench/canvas and test/browser, compiled ONLY into their page's bundle (`__BMAD_BENCH__`,
 * scripts/esbuild/webviewBuild.mjs); the extension's webview.js has none of this module:
 *
 *   window.__bmadCanvas.ready        Promise, resolves in the rAF after the first document is on screen
 *                                    (all rendered nodes visible, or the overview drawn) with timings
 *   window.__bmadCanvas.setViewport  ({x, y, zoom}) → React Flow's setViewport, no animation
 *   window.__bmadCanvas.getViewport  () → {x, y, zoom}
 *   window.__bmadCanvas.stats        () → DOM node/edge counts and whether the overview is active
 */
export interface ReadyInfo {
  readonly ready: number;
  readonly readyRaf: number;
  readonly domNodes: number;
  readonly domEdges: number;
  readonly zoom: number;
  readonly overview: boolean;
  /** Durations of the first `document`: zod parse and Y.Doc apply (performance.measure in session.ts). */
  readonly parse: number;
  readonly apply: number;
}

interface BenchApi {
  readonly ready: Promise<ReadyInfo>;
  setViewport(v: Viewport): void;
  getViewport(): Viewport;
  stats(): { domNodes: number; domEdges: number; overview: boolean; overviewDraws: number; peerMarkRenders: number };
}

declare global {
  interface Window {
    __bmadCanvas?: BenchApi;
  }
}

let flow: ReturnType<typeof useReactFlow> | undefined;
let resolveReady: (r: ReadyInfo) => void = () => undefined;
const count = (sel: string) => document.querySelectorAll(sel).length;
const measured = (name: string) => performance.getEntriesByName(name, 'measure').reduce((m, e) => Math.max(m, e.duration), 0);
const overviewNow = () => (flow?.getViewport().zoom ?? 1) < OVERVIEW_ZOOM;

export function installBenchHook(): void {
  window.__bmadCanvas = {
    ready: new Promise((r) => (resolveReady = r)),
    setViewport: (v) => void flow?.setViewport(v),
    getViewport: () => flow?.getViewport() ?? { x: 0, y: 0, zoom: 1 },
    stats: () => ({ domNodes: count('.react-flow__node'), domEdges: count('.react-flow__edge'), overview: overviewNow(), overviewDraws: benchSignals.overviewDraws,
      peerMarkRenders: benchSignals.peerMarkRenders }),
  };
}

function allRenderedVisible(): boolean {
  for (const el of document.querySelectorAll<HTMLElement>('.react-flow__node')) if (el.style.visibility === 'hidden') return false;
  return true;
}

/** Rendered inside <ReactFlow> in the bench build: hands out the instance and detects first render. */
export function BenchProbe() {
  const rf = useReactFlow();
  const store = useStoreApi();
  flow = rf;
  useEffect(() => {
    let frame = requestAnimationFrame(function tick() {
      const drawn = overviewNow() ? benchSignals.overviewDraws > 0 : count('.react-flow__node') > 0 || store.getState().nodes.length === 0;
      if (!store.getState().panZoom || !drawn || !allRenderedVisible()) {
        frame = requestAnimationFrame(tick);
        return;
      }
      const ready = performance.now();
      frame = requestAnimationFrame(() =>
        resolveReady({ ready, readyRaf: performance.now(), domNodes: count('.react-flow__node'), domEdges: count('.react-flow__edge'), zoom: rf.getViewport().zoom, overview: overviewNow(), parse: measured('bmad:parse'), apply: measured('bmad:apply') }),
      );
    });
    return () => cancelAnimationFrame(frame);
  }, [rf, store]);
  return null;
}
