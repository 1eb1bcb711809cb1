import { z } from 'zod';
import { Op, type SingleOp } from '../ops';
import { touchedIds } from './proposalSelect';

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

/**
 * What is left of a proposal once part of it was accepted or rejected: `ops` are the undecided ones,
 * made against the canvas whose text hashes to `canvasSha256`; the changes and counts follow them.
 */
export function narrowProposal(p: Proposal, ops: readonly SingleOp[], canvasSha256: string): Proposal {
  const ids = touchedIds(ops);
  const changes = p.changes.filter((c) => ids.has(c.id));
  const count = (change: Proposal['changes'][number]['change']) => changes.filter((c) => c.change === change).length;
  let edgesAdded = 0;
  let edgesRemoved = 0;
  for (const op of ops) {
    if (op.type === 'insert') edgesAdded += op.edges.length;
    if (op.type === 'connect') edgesAdded++;
    if (op.type === 'remove') edgesRemoved += op.edgeIds.length;
  }
  const summary = {
    ...p.summary, added: count('add'), updated: count('update'), adopted: count('adopt'), removed: count('remove'), kept: count('keep'),
    edgesAdded, edgesRemoved,
  };
  return { ...p, canvasSha256, ops: [...ops], changes, summary };
}
