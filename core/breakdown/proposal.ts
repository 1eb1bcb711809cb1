import { z } from 'zod';
import { Op } from '../ops';

export const PROPOSAL_VERSION = 1;

const Lines = z.strictObject({ from: z.number().int().min(1), to: z.number().int().min(1) });

/**
 * A proposal beside a canvas (`<canvas>.proposal.json`): ops the editor shows for review, never
 * applied on their own. `canvasSha256` is the canvas it was made against: the editor refuses a
 * proposal whose canvas has changed since, rather than apply ops to something they were not made for.
 */
export const Proposal = z.strictObject({
  version: z.literal(PROPOSAL_VERSION),
  by: z.string().min(1).max(200).describe('What made it, e.g. "bmad breakdown"'),
  canvas: z.string().min(1).max(1000),
  canvasSha256: z.string().regex(/^[0-9a-f]{64}$/, 'expected a sha256 in lowercase hex'),
  script: z.string().min(1).max(1000),
  scriptSha256: z.string().regex(/^[0-9a-f]{64}$/, 'expected a sha256 in lowercase hex'),
  summary: z.strictObject({
    added: z.number().int().min(0),
    updated: z.number().int().min(0),
    adopted: z.number().int().min(0),
    removed: z.number().int().min(0),
    kept: z.number().int().min(0),
    unchanged: z.number().int().min(0),
    edgesAdded: z.number().int().min(0),
    edgesRemoved: z.number().int().min(0),
  }),
  changes: z.array(z.strictObject({
    key: z.string(),
    id: z.string(),
    kind: z.enum(['scene', 'shot', 'character']),
    change: z.enum(['add', 'update', 'adopt', 'remove', 'keep']),
    lines: Lines.optional(),
    params: z.array(z.string()),
    handEdited: z.array(z.string()),
  })),
  ops: z.array(Op),
});
export type Proposal = z.infer<typeof Proposal>;
