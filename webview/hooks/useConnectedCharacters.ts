import { useCallback, useRef, useSyncExternalStore } from 'react';
import { useSession } from './useSession';

/**
 * The names of the character nodes connected to a node's `characters` input, sorted, without
 * repeats. The same array comes back until the names change, so the inspector re-renders only then.
 */
export function useConnectedCharacters(nodeId: string): readonly string[] {
  const { doc } = useSession();
  const last = useRef<{ key: string; names: readonly string[] }>({ key: '', names: [] });
  const subscribe = useCallback((fn: () => void) => doc.onViewChange(fn), [doc]);
  const get = useCallback(() => {
    const names = new Set<string>();
    for (const e of doc.edgeMap().values()) {
      if (e.target !== nodeId || e.targetPort !== 'characters') continue;
      const c = doc.getNode(e.source);
      if (c?.kind === 'character') names.add(String(c.params.name));
    }
    const sorted = [...names].sort((a, b) => a.localeCompare(b));
    const key = sorted.join('\u0000');
    if (key !== last.current.key) last.current = { key, names: sorted };
    return last.current.names;
  }, [doc, nodeId]);
  return useSyncExternalStore(subscribe, get, get);
}
