import type { CanvasDoc } from '../state/canvasDoc';
import { useDocDerived } from './useDocDerived';

/** The names of the character nodes wired into a node's `characters` input, sorted, without repeats. */
export function connectedCharacters(doc: CanvasDoc, nodeId: string): string[] {
  const names = new Set<string>();
  for (const e of doc.edgeMap().values()) {
    if (e.target !== nodeId || e.targetPort !== 'characters') continue;
    const c = doc.getNode(e.source);
    if (c?.kind === 'character') names.add(String(c.params.name));
  }
  return [...names].sort((a, b) => a.localeCompare(b));
}

export const nameKey = (names: readonly string[]): string => names.join('\u0000');

/** connectedCharacters, the same array until the names change, so the inspector re-renders only then. */
export function useConnectedCharacters(nodeId: string): readonly string[] {
  return useDocDerived((doc) => connectedCharacters(doc, nodeId), nameKey);
}
