import { useCallback, useSyncExternalStore } from 'react';
import { useSession } from './useSession';

/** The document's change counter: components that derive from the whole canvas depend on it. */
export function useDocVersion(): number {
  const { doc } = useSession();
  const subscribe = useCallback((fn: () => void) => doc.onViewChange(fn), [doc]);
  const get = useCallback(() => doc.version, [doc]);
  return useSyncExternalStore(subscribe, get, get);
}
