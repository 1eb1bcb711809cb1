import { useCallback, useSyncExternalStore } from 'react';
import { spokenLines, type Spoken } from '../canvas/nodes/spokenLines';
import type { CanvasDoc } from '../state/canvasDoc';
import { useSession } from './useSession';

/** Per document, the lines of the version last asked for: all audio cards share one pass per change. */
const lines = new WeakMap<CanvasDoc, { version: number; byNode: Map<string, Spoken> }>();

function linesOf(doc: CanvasDoc): Map<string, Spoken> {
  const c = lines.get(doc);
  if (c?.version === doc.version) return c.byNode;
  const byNode = spokenLines(doc.nodeMap(), doc.edgeMap().values(), c?.byNode);
  lines.set(doc, { version: doc.version, byNode });
  return byNode;
}

/** The line a dialogue audio node speaks; undefined for music and ambience. Re-renders only when it changes. */
export function useSpokenLine(id: string): Spoken | undefined {
  const { doc } = useSession();
  const subscribe = useCallback((fn: () => void) => doc.onViewChange(fn), [doc]);
  const get = useCallback(() => linesOf(doc).get(id), [doc, id]);
  return useSyncExternalStore(subscribe, get, get);
}
