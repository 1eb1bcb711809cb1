import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useCallback } from 'react';
import { fitViewport } from '../canvas/fitViewport';
import { useSession } from './useSession';

/** Fit view (F, the button, the host's command): every node, below the widgets' band. */
export function useFitView(): () => void {
  const { doc, ui } = useSession();
  const rf = useReactFlow();
  const store = useStoreApi();
  return useCallback(() => {
    const { width, height } = store.getState();
    void rf.setViewport(fitViewport(doc.nodeMap().values(), width, height, ui.get().settings.showMinimap));
  }, [doc, ui, rf, store]);
}
