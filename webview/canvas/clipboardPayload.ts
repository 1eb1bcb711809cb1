import { z } from 'zod';
import { duplicate, type Op } from '../../core/ops';
import { insertOp } from './selectionOps';
import { BmadEdge, BmadNode } from '../../core/schema';
import type { CanvasDoc } from '../state/canvasDoc';

/** Our own clipboard type; plain-text JSON of the same shape is accepted too (paste from a .bmad). */
export const CLIPBOARD_MIME = 'application/x-bmad-canvas+json';

const Payload = z.object({ nodes: z.array(BmadNode).max(10000), edges: z.array(BmadEdge).max(20000) });

/** The selected nodes with the edges among them, as JSON. */
export function copyPayload(doc: CanvasDoc, ids: ReadonlySet<string>): string | undefined {
  if (!ids.size) return undefined;
  const nodes = [...ids].map((id) => doc.getNode(id)).filter((n) => n !== undefined);
  const edges = [...doc.edgeMap().values()].filter((e) => ids.has(e.source) && ids.has(e.target));
  return JSON.stringify({ nodes, edges });
}

/** An insert op with fresh ids at `offset`, or undefined when the text is not a canvas selection. */
export function pasteOp(text: string, offset: { x: number; y: number }): Op | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const r = Payload.safeParse(value);
  if (!r.success || r.data.nodes.length === 0) return undefined;
  const copy = duplicate(r.data.nodes as BmadNode[], r.data.edges, offset);
  return insertOp(copy.nodes, copy.edges);
}
