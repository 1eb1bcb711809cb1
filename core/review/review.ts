import type { Breakdown } from '../breakdown/types';
import { NodeNames } from '../nodeNames';
import type { BmadDocument } from '../schema';
import { CanvasCast, scriptAction, scriptCast } from './cast';
import { canvasAction, propNotCovered, propNotInScene, wardrobeBreak } from './continuity';
import { characterNotInScene, dialogueNotInShot, sceneWithoutShots, shotTooShort, type RuleContext } from './rules';
import type { ReviewFinding } from './types';

/**
 * Continuity checks of a canvas, each with the ops that fix it. Who belongs in a scene is the
 * script's to say: with no breakdown of the script (none on the canvas, or it cannot be read) that
 * check is skipped, and the others still run; props are then judged against the canvas's own text.
 */
export function reviewCanvas(doc: BmadDocument, script?: Breakdown): ReviewFinding[] {
  const ctx: RuleContext = { cast: new CanvasCast(doc), names: new NodeNames(doc.nodes) };
  const actionOf = script ? scriptAction(script) : canvasAction(ctx);
  return [
    ...(script ? characterNotInScene(ctx, scriptCast(script)) : []),
    ...dialogueNotInShot(ctx),
    ...sceneWithoutShots(ctx),
    ...shotTooShort(ctx),
    ...wardrobeBreak(ctx),
    ...propNotInScene(ctx, actionOf),
    ...propNotCovered(ctx, actionOf),
  ];
}
