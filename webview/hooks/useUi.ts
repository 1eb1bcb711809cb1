import type { UiState } from '../state/uiState';
import { useSession } from './useSession';
import { useStoreSlice } from './useStoreSlice';

/** A slice of the UI state. Pass a module-level selector so it is stable across renders. */
export function useUi<S>(select: (s: UiState) => S): S {
  return useStoreSlice(useSession().ui, select);
}
