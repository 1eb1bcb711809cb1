import type { Op } from '../ops';

export const REVIEW_RULES = ['character-not-in-scene', 'dialogue-not-in-shot', 'scene-without-shots', 'shot-too-short', 'wardrobe-break', 'prop-not-in-scene', 'prop-not-covered'] as const;
export type ReviewRule = (typeof REVIEW_RULES)[number];

/** A change that puts a finding right, as one op (a batch when it takes several). */
export interface ReviewFix {
  readonly title: string;
  readonly op: Op;
}

/** One continuity problem on a canvas. */
export interface ReviewFinding {
  readonly rule: ReviewRule;
  readonly nodeId: string;
  readonly message: string;
  /** Where in the .bmad document it is, as a JSON path (core/jsonLocate.ts turns it into a position). */
  readonly path: readonly (string | number)[];
  readonly fixes: readonly ReviewFix[];
}
