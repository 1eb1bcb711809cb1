/**
 * A minimal external store (the zustand-vanilla shape) for UI state that is not part of the document:
 * React reads it through `useSyncExternalStore` with a selector, so a component re-renders only when
 * the slice it selected changes.
 */
export interface Store<T> {
  get(): T;
  set(patch: Partial<T> | ((s: T) => Partial<T>)): void;
  subscribe(fn: () => void): () => void;
}

export function createStore<T extends object>(initial: T): Store<T> {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    set(patch) {
      const p = typeof patch === 'function' ? patch(state) : patch;
      let changed = false;
      for (const k of Object.keys(p) as (keyof T)[]) if (!Object.is(state[k], p[k])) changed = true;
      if (!changed) return;
      state = { ...state, ...p };
      for (const fn of listeners) fn();
    },
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  };
}
