export { breakDown } from './breakdown';
export { createBreakdownCache, type BreakdownCache } from './cache';
export { breakdownToOps, type BreakdownOps, type BreakdownSummary } from './toOps';
export { narrowProposal, Proposal, PROPOSAL_VERSION } from './proposal';
export { acceptPick, rejectPick, acceptedClosure, rejectedClosure, touchedIds, type ProposalPick, type ProposalSplit } from './proposalSelect';
export { acceptIn, acceptWritten, rejectIn, startTimeline, timelineAt, undecided, type AcceptStep, type ReviewTimeline } from './reviewTimeline';
export { stableId, valueHash } from './hash';
export type * from './types';
