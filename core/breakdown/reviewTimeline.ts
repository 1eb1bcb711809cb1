import type { SingleOp } from '../ops';
import { narrowProposal, type Proposal } from './proposal';
import type { BmadDocument } from '../schema';
import { acceptPick, rejectedClosure, splitOps, type ProposalPick } from './proposalSelect';

/** The canvas text's hashes on both sides of one accept (`after` is known once the edit is written). */
export interface AcceptStep {
  readonly before: string;
  readonly after?: string;
}

/**
 * A proposal's review along the canvas's undo history. An accept is an edit of the canvas, so undo and
 * redo move between what was still proposed before and after it: `states[i]` is what is undecided
 * after the i-th accept (`states[0]` before any), `steps[i]` the accept from `states[i]` to
 * `states[i + 1]`, and `at` the state the canvas is in now. The canvas text says which state holds:
 * the text an accept started from or wrote is the text of the state before or after it.
 */
export interface ReviewTimeline {
  readonly states: readonly Proposal[];
  readonly steps: readonly AcceptStep[];
  readonly at: number;
}

export const startTimeline = (proposal: Proposal): ReviewTimeline => ({ states: [proposal], steps: [], at: 0 });

/** What is undecided on the canvas as it is in the timeline now. */
export const undecided = (t: ReviewTimeline): Proposal => t.states[t.at]!;

/** The texts state `i` is known to hold for: the one its accept wrote, the one the next accept started from. */
const textsOf = (t: ReviewTimeline, i: number): (string | undefined)[] => [t.steps[i - 1]?.after, t.steps[i]?.before];

/**
 * The timeline once the canvas text hashes to `sha256`: the state known for that text, the nearest to
 * the current one (an undo or redo moves one step), or the same timeline when no state knows the text
 * (an unrelated edit, which leaves what is undecided as it was).
 */
export function timelineAt(t: ReviewTimeline, sha256: string): ReviewTimeline {
  for (let d = 0; d < t.states.length; d++) {
    for (const i of d ? [t.at - d, t.at + d] : [t.at]) {
      if (i >= 0 && i < t.states.length && textsOf(t, i).includes(sha256)) return i === t.at ? t : { ...t, at: i };
    }
  }
  return t;
}

/**
 * Accepting `pick` from the current state (core's acceptPick), the canvas text hashing to `before`:
 * `picked` is the edit to write, `timeline` the review once it is written. Like any new edit it ends
 * the redo history: states after the current one are dropped.
 */
export function acceptIn(t: ReviewTimeline, base: BmadDocument, pick: ProposalPick, before: string): { picked: SingleOp[]; timeline: ReviewTimeline } {
  const now = undecided(t);
  const { picked, rest } = acceptPick(now.ops as SingleOp[], base, pick);
  const timeline = {
    states: [...t.states.slice(0, t.at + 1), narrowProposal(now, rest, before)],
    steps: [...t.steps.slice(0, t.at), { before }],
    at: t.at + 1,
  };
  return { picked, timeline };
}

/** Records the text the last accept wrote, so that a redo of it is recognised. */
export function acceptWritten(t: ReviewTimeline, after: string): ReviewTimeline {
  const last = t.steps.at(-1);
  if (!last || last.after !== undefined) return t;
  return { ...t, steps: [...t.steps.slice(0, -1), { ...last, after }] };
}

/**
 * Rejecting `pick` from the current state (core's rejectedClosure). It is no edit of the canvas, so
 * no undo brings it back: the rejected ops leave every state, the ones an undo or redo of an accept
 * returns to as well.
 */
export function rejectIn(t: ReviewTimeline, base: BmadDocument, pick: ProposalPick): ReviewTimeline {
  const chosen = rejectedClosure(undecided(t).ops as SingleOp[], base, pick);
  const states = t.states.map((p) => narrowProposal(p, splitOps(p.ops as SingleOp[], chosen).rest, p.canvasSha256));
  return { ...t, states };
}
