import { useReactFlow, useStore, type ReactFlowState } from '@xyflow/react';
import { useEffect } from 'react';
import { useSession } from './useSession';

const selectDom = (s: ReactFlowState) => s.domNode;

/** Sends this peer's pointer (flow coordinates) while someone receives it; off the canvas, none. */
export function usePresencePointer(): void {
  const { presence } = useSession().collab;
  const dom = useStore(selectDom);
  const rf = useReactFlow();
  useEffect(() => {
    if (!dom) return;
    const move = (e: PointerEvent) => presence.live && presence.setPointer(rf.screenToFlowPosition({ x: e.clientX, y: e.clientY }, { snapToGrid: false }));
    const leave = () => presence.setPointer(null);
    dom.addEventListener('pointermove', move);
    dom.addEventListener('pointerleave', leave);
    return () => {
      dom.removeEventListener('pointermove', move);
      dom.removeEventListener('pointerleave', leave);
    };
  }, [dom, presence, rf]);
}
