import { useCallback, useSyncExternalStore } from 'react';
import type { BmadNode } from '../../core/schema';
import { useSession } from './useSession';

/** One node of the document; re-renders only when that node changes (the mirror keeps identities). */
export function useDocNode(id: string | undefined): BmadNode | undefined {
  const { doc } = useSession();
  const subscribe = useCallback((fn: () => void) => doc.onViewChange((c) => id !== undefined && c.nodes.has(id) && fn()), [doc, id]);
  const get = useCallback(() => (id === undefined ? undefined : doc.getNode(id)), [doc, id]);
  return useSyncExternalStore(subscribe, get, get);
}
