import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useEffect, useMemo, useRef, type PointerEvent } from 'react';
import { useGeometry } from '../../hooks/useGeometry';
import { usePalette } from '../../hooks/usePalette';
import { MINIMAP_SIZE } from '../overlays';
import { MinimapPeers } from '../presence/MinimapPeers';
import { drawMinimap, minimapFrame } from './minimapFrame';

const { width: W, height: H } = MINIMAP_SIZE;

/**
 * A minimap that costs nothing per frame: nodes are drawn on a canvas only when the document changes,
 * and the viewport is a div moved by a store subscription. (React Flow's MiniMap re-renders an SVG
 * rect per node on every viewport change, ~14 ms a frame at 5,000 nodes.)
 */
export function CanvasMiniMap() {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const viewRef = useRef<HTMLDivElement>(null);
  const store = useStoreApi();
  const rf = useReactFlow();
  const g = useGeometry(true);
  const palette = usePalette();
  const frame = useMemo(() => (g ? minimapFrame(g, W, H) : undefined), [g]);

  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx || !g || !frame) return;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = W * dpr;
    canvas.height = H * dpr;
    drawMinimap(ctx, g, frame, palette.port, dpr, W, H);
  }, [g, frame, palette]);

  useEffect(() => {
    if (!frame) return;
    const place = () => {
      const { transform: [x, y, k], width, height } = store.getState();
      const el = viewRef.current;
      if (!el) return;
      el.style.transform = `translate(${(-x / k) * frame.scale + frame.ox}px, ${(-y / k) * frame.scale + frame.oy}px)`;
      el.style.width = `${(width / k) * frame.scale}px`;
      el.style.height = `${(height / k) * frame.scale}px`;
    };
    place();
    return store.subscribe((s, prev) => (s.transform !== prev.transform || s.width !== prev.width) && place());
  }, [frame, store]);

  const centerAt = (e: PointerEvent<HTMLDivElement>) => {
    if (!frame || e.buttons !== 1) return;
    const r = e.currentTarget.getBoundingClientRect();
    const fx = (e.clientX - r.left - frame.ox) / frame.scale;
    const fy = (e.clientY - r.top - frame.oy) / frame.scale;
    void rf.setCenter(fx, fy, { zoom: store.getState().transform[2] });
  };

  return (
    <div className="canvas-minimap nodrag nopan nowheel" style={{ width: W, height: H }} onPointerDown={centerAt} onPointerMove={centerAt}
      role="img" aria-label="Minimap; click to move the view">
      <canvas ref={canvasRef} style={{ width: W, height: H }} />
      {g && frame && <MinimapPeers g={g} frame={frame} />}
      <div ref={viewRef} className="minimap-viewport" />
    </div>
  );
}
