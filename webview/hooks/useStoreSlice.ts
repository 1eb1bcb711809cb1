import { useCallback, useSyncExternalStore } from 'react';
import type { Store } from '../state/store';

/** Subscribes to one slice of a store; the component re-renders only when that slice changes. */
export function useStoreSlice<T, S>(store: Store<T>, select: (state: T) => S): S {
  const get = useCallback(() => select(store.get()), [store, select]);
  return useSyncExternalStore(store.subscribe, get, get);
}
