import type { Breakdown } from '../breakdown/types';
import { NodeNames } from '../nodeNames';
import type { BmadDocument } from '../schema';
import { CanvasCast, scriptCast } from './cast';
import { characterNotInScene, dialogueNotInShot, sceneWithoutShots, shotTooShort, type RuleContext } from './rules';
import type { ReviewFinding } from './types';

/**
 * Continuity checks of a canvas, each with the ops that fix it. Who belongs in a scene is the
 * script's to say: with no breakdown of the script (none on the canvas, or it cannot be read) that
 * check is skipped, and the others still run.
 */
export function reviewCanvas(doc: BmadDocument, script?: Breakdown): ReviewFinding[] {
  const ctx: RuleContext = { cast: new CanvasCast(doc), names: new NodeNames(doc.nodes) };
  return [
    ...(script ? characterNotInScene(ctx, scriptCast(script)) : []),
    ...dialogueNotInShot(ctx),
    ...sceneWithoutShots(ctx),
    ...shotTooShort(ctx),
  ];
}
