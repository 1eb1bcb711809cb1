import { useCallback, useSyncExternalStore } from 'react';
import type { NodeRender } from '../../core/protocol';
import { renderStore } from './renderStore';

/** One node's render state; the component re-renders only when that node's state changes. */
export function useNodeRender(id: string): NodeRender | undefined {
  const subscribe = useCallback((fn: () => void) => renderStore.subscribe(id, fn), [id]);
  const get = useCallback(() => renderStore.get(id), [id]);
  return useSyncExternalStore(subscribe, get, get);
}
