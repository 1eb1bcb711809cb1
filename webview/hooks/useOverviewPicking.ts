import { useStoreApi } from '@xyflow/react';
import { useEffect, useMemo, useRef, type MouseEvent } from 'react';
import { hitTest, nodesInRect } from '../canvas/overview/geometry';
import { useGeometry } from './useGeometry';
import { useSession } from './useSession';

/**
 * Clicking and box-selecting while zoomed out, where React Flow holds no nodes: the hit tests run on
 * the overview geometry instead. The selection box is React Flow's own; its last rectangle is kept
 * because the store clears it before `onSelectionEnd` fires.
 */
export function useOverviewPicking(active: boolean) {
  const session = useSession();
  const store = useStoreApi();
  const g = useGeometry(active);
  const lastRect = useRef<{ x: number; y: number; width: number; height: number } | null>(null);

  useEffect(() => {
    if (!active) return;
    return store.subscribe((s) => {
      if (s.userSelectionRect) lastRect.current = s.userSelectionRect;
    });
  }, [active, store]);

  return useMemo(() => {
    const toFlow = (x: number, y: number) => {
      const [tx, ty, k] = store.getState().transform;
      return { x: (x - tx) / k, y: (y - ty) / k };
    };
    return {
      onPaneClick: (e: MouseEvent) => {
        if (!active || !g) return;
        const dom = store.getState().domNode?.getBoundingClientRect();
        const p = toFlow(e.clientX - (dom?.left ?? 0), e.clientY - (dom?.top ?? 0));
        const id = hitTest(g, p.x, p.y);
        session.select(id ? [id] : []);
      },
      onSelectionEnd: () => {
        const r = lastRect.current;
        lastRect.current = null;
        if (!active || !g || !r) return;
        const a = toFlow(r.x, r.y), k = store.getState().transform[2];
        session.select(nodesInRect(g, { x: a.x, y: a.y, width: r.width / k, height: r.height / k }));
      },
    };
  }, [active, g, session, store]);
}
