import { z } from 'zod';
import type { NodeRenders } from './nodeRenderState';
import { StatusRequest } from './statusCompute';

/**
 * Messages between the extension host's thread and the status worker thread (statusWorker.ts).
 * A view asks for its canvas's node states; the worker answers with all of them (`full`), or with
 * only those that changed since its last answer to that view, which is all a keystroke usually moves.
 */

export const ToStatusWorker = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('status'),
    id: z.number().int(),
    /** Which canvas view asks: deltas are relative to what this view was last sent. */
    view: z.string(),
    /** Every node's state, not a delta: the first request, and whenever the view lost track. */
    full: z.boolean(),
    request: StatusRequest,
  }),
  /** The view is gone: drop what was last sent to it. */
  z.strictObject({ type: z.literal('forget'), view: z.string() }),
]);
export type ToStatusWorker = z.infer<typeof ToStatusWorker>;

export type StatusReply = { readonly id: number } & (
  | { readonly state: 'ok'; readonly full: boolean; readonly nodes: NodeRenders }
  | { readonly state: 'none' }
  | { readonly state: 'error'; readonly message: string }
);
