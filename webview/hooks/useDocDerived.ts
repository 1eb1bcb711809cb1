import { useCallback, useRef, useSyncExternalStore } from 'react';
import type { CanvasDoc } from '../state/canvasDoc';
import { useSession } from './useSession';

/**
 * A value derived from the canvas, recomputed on every view change. `keyOf` says when two values are
 * the same: until the key changes the same object comes back, so a component re-renders only then.
 */
export function useDocDerived<T>(derive: (doc: CanvasDoc) => T, keyOf: (value: T) => string): T {
  const { doc } = useSession();
  const last = useRef<{ key: string; value: T } | undefined>(undefined);
  const subscribe = useCallback((fn: () => void) => doc.onViewChange(fn), [doc]);
  const get = () => {
    const value = derive(doc);
    const key = keyOf(value);
    if (last.current?.key !== key) last.current = { key, value };
    return last.current.value;
  };
  return useSyncExternalStore(subscribe, get, get);
}
