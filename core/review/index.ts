export { reviewCanvas } from './review';
export { REVIEW_RULES, type ReviewFinding, type ReviewFix, type ReviewRule } from './types';
export { locateFindings, type LocatedFinding } from './locate';
