export { breakDown } from './breakdown';
export { breakdownToOps, type BreakdownOps, type BreakdownSummary } from './toOps';
export { Proposal, PROPOSAL_VERSION } from './proposal';
export { stableId, valueHash } from './hash';
export type * from './types';
