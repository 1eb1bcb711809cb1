import { foldName } from '../../core/breakdown/beats';
import { isKind } from '../../core/schema';
import type { CanvasDoc } from '../state/canvasDoc';
import { connectedCharacters, nameKey } from './useConnectedCharacters';
import { useDocDerived } from './useDocDerived';

/** Who can be named in a shot's row: who is in the shot, then the canvas's other characters. */
export interface ShotCast {
  /** The names in the shot's `characters` and the characters wired into it, as the review counts them. */
  readonly inShot: readonly string[];
  /** Character nodes on the canvas that are not in the shot. */
  readonly elsewhere: readonly string[];
}

const byName = (a: string, b: string) => a.localeCompare(b);

function shotCast(doc: CanvasDoc, nodeId: string): ShotCast {
  const shot = doc.getNode(nodeId);
  const listed = isKind(shot, 'shot') ? shot.params.characters : [];
  // One person per folded name ("ADA" in the shot's list is the character node "Ada"), spelled as first met.
  const seen = new Map<string, string>();
  for (const name of [...listed, ...connectedCharacters(doc, nodeId)]) if (name.trim() && !seen.has(foldName(name))) seen.set(foldName(name), name);
  const inShot = [...seen.values()].sort(byName);
  const elsewhere = new Map<string, string>();
  for (const n of doc.nodeMap().values()) {
    if (!isKind(n, 'character')) continue;
    const folded = foldName(n.params.name);
    if (folded && !seen.has(folded) && !elsewhere.has(folded)) elsewhere.set(folded, n.params.name);
  }
  return { inShot, elsewhere: [...elsewhere.values()].sort(byName) };
}

/** shotCast of a node, the same object until a name changes. */
export function useShotCast(nodeId: string): ShotCast {
  return useDocDerived((doc) => shotCast(doc, nodeId), (c) => `${nameKey(c.inShot)}\u0001${nameKey(c.elsewhere)}`);
}
