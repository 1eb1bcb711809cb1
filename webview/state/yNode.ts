import * as Y from 'yjs';
import { nodeFrom, type BmadEdge, type BmadNode } from '../../core/schema';
import type { NodeKind } from '../../core/nodes';

/**
 * Conversions between one canvas node and its Y.Map. Params are a nested Y.Map so that two people
 * editing different params of one node merge instead of overwriting each other; each param value and
 * the position are plain JSON (a position is moved as a whole).
 */
export type YNode = Y.Map<unknown>;

export function nodeToY(n: BmadNode): YNode {
  const params = new Y.Map<unknown>();
  for (const [k, v] of Object.entries(n.params)) params.set(k, v);
  const y = new Y.Map<unknown>();
  y.set('kind', n.kind);
  y.set('label', n.label);
  y.set('position', { x: n.position.x, y: n.position.y });
  y.set('params', params);
  return y;
}

export function nodeFromY(id: string, y: YNode): BmadNode {
  const params = y.get('params');
  const pos = y.get('position') as { x: number; y: number } | undefined;
  return nodeFrom({
    id,
    kind: y.get('kind') as NodeKind,
    label: String(y.get('label') ?? ''),
    position: { x: pos?.x ?? 0, y: pos?.y ?? 0 },
    params: params instanceof Y.Map ? (params.toJSON() as Record<string, unknown>) : {},
  });
}

export function paramsOf(y: YNode): Y.Map<unknown> {
  const p = y.get('params');
  if (p instanceof Y.Map) return p;
  const fresh = new Y.Map<unknown>();
  y.set('params', fresh);
  return fresh;
}

export function edgeFromY(id: string, v: unknown): BmadEdge | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const e = v as Partial<BmadEdge>;
  if (typeof e.source !== 'string' || typeof e.target !== 'string') return undefined;
  return { id, source: e.source, sourcePort: String(e.sourcePort), target: e.target, targetPort: String(e.targetPort) };
}

/** Structural equality of plain JSON values (params are small; this runs per changed node only). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => jsonEqual(v, bb[i]));
  }
  const ka = Object.keys(a);
  const rb = b as Record<string, unknown>;
  return ka.length === Object.keys(rb).length && ka.every((k) => jsonEqual((a as Record<string, unknown>)[k], rb[k]));
}
