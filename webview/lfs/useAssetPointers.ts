import { useCallback } from 'react';
import type { AssetPointer } from '../../core/protocol';
import { useSession } from '../hooks/useSession';
import { useStoreSlice } from '../hooks/useStoreSlice';
import type { UiState } from '../state/uiState';

/** The files node `id` names that are Git LFS pointers never pulled; undefined when none are. */
export function useAssetPointers(id: string): readonly AssetPointer[] | undefined {
  const select = useCallback((s: UiState) => s.assetPointers.get(id), [id]);
  return useStoreSlice(useSession().ui, select);
}
