import { foldName } from '../breakdown/beats';
import { propsIn } from '../breakdown/props';
import type { SingleOp } from '../ops';
import type { BmadNode } from '../schema';
import type { RuleContext } from './rules';
import type { ReviewFinding } from './types';

type Shot = Extract<BmadNode, { kind: 'shot' }>;
type Scene = Extract<BmadNode, { kind: 'scene' }>;

const MAX_WARDROBE = 12;
const MAX_PROPS = 30;

/** Wardrobe is compared as a person would read it: case and spacing do not make a different coat. */
const sameLook = (a: string, b: string) => a.trim().replace(/\s+/g, ' ').toLowerCase() === b.trim().replace(/\s+/g, ' ').toLowerCase();

/** A scene's shots in the order they play: by number, then as the canvas lists them. */
const inOrder = (shots: readonly Shot[]) => [...shots].sort((a, b) => a.params.number - b.params.number);

/** What a character wears in a shot: the shot's word for them, else their usual; blank is unknown. */
function wornIn(ctx: RuleContext, shot: Shot, folded: string, name: string): { value: string; entry: number } | undefined {
  const entry = (shot.params.wardrobe ?? []).findIndex((w) => foldName(w.character) === folded);
  const value = entry >= 0 ? shot.params.wardrobe![entry]!.wardrobe : ctx.cast.character(name)?.params.wardrobe;
  return value?.trim() ? { value: value.trim(), entry } : undefined;
}

/**
 * A character whose wardrobe changes between shots of one scene. Each later shot is held to the first
 * shot of the scene that says what they wear, so one fix per break puts the scene back in step.
 */
export function wardrobeBreak(ctx: RuleContext): ReviewFinding[] {
  const { cast, names } = ctx;
  const out: ReviewFinding[] = [];
  for (const scene of cast.scenes) {
    const first = new Map<string, { shot: Shot; value: string }>();
    for (const shot of inOrder(cast.shotsOf(scene))) {
      for (const [folded, name] of cast.castOf(shot)) {
        const worn = wornIn(ctx, shot, folded, name);
        if (!worn) continue;
        const was = first.get(folded);
        if (!was) {
          first.set(folded, { shot, value: worn.value });
          continue;
        }
        if (sameLook(was.value, worn.value)) continue;
        const index = cast.index.get(shot.id)!;
        const entries = shot.params.wardrobe ?? [];
        const matched = { character: name, wardrobe: was.value };
        const wardrobe = worn.entry >= 0 ? entries.map((w, k) => (k === worn.entry ? matched : w)) : [...entries, matched];
        out.push({
          rule: 'wardrobe-break',
          nodeId: shot.id,
          message: `${name} wears "${worn.value}" in ${names.of(shot)} but "${was.value}" in ${names.of(was.shot)}, earlier in scene ${scene.params.number} (${scene.params.heading})`,
          path: worn.entry >= 0 ? ['nodes', index, 'params', 'wardrobe', worn.entry, 'wardrobe'] : ['nodes', index],
          fixes: wardrobe.length <= MAX_WARDROBE
            ? [{ title: `Dress ${name} in "${was.value}" in ${names.of(shot)}, as in ${names.of(was.shot)}`, op: { type: 'setParams', id: shot.id, params: { wardrobe } } }]
            : [],
        });
      }
    }
  }
  return out;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Whether a text names a prop, as a whole word or phrase, either of them plural. */
const mentions = (text: string, prop: string) =>
  [prop.trim(), prop.trim().replace(/e?s$/i, '')].some((p) => p && new RegExp(`\\b${escape(p)}(?:e?s)?\\b`, 'i').test(text));

/**
 * The text a scene's props are judged against: the script's action for it when the script is known,
 * else what the canvas says happens in it (its synopsis and its shots' action).
 */
export type SceneAction = (scene: Scene) => string | undefined;
export const canvasAction = (ctx: RuleContext): SceneAction => (scene) =>
  [scene.params.synopsis, ...ctx.cast.shotsOf(scene).map((s) => s.params.action)].join('\n');

/** A prop listed in a shot that its scene's action never names. */
export function propNotInScene(ctx: RuleContext, actionOf: SceneAction): ReviewFinding[] {
  const { cast } = ctx;
  const out: ReviewFinding[] = [];
  for (const scene of cast.scenes) {
    const action = actionOf(scene);
    if (!action?.trim()) continue;
    for (const shot of cast.shotsOf(scene)) {
      const props = shot.params.props ?? [];
      props.forEach((prop, k) => {
        if (!prop.trim() || mentions(action, prop)) return;
        out.push({
          rule: 'prop-not-in-scene',
          nodeId: shot.id,
          message: `${ctx.names.of(shot)} shows a ${prop.trim()}, but the action of scene ${scene.params.number} (${scene.params.heading}) never names one`,
          path: ['nodes', cast.index.get(shot.id)!, 'params', 'props', k],
          fixes: [{ title: `Take the ${prop.trim()} out of ${ctx.names.of(shot)}`, op: { type: 'setParams', id: shot.id, params: { props: props.filter((_, j) => j !== k) } } }],
        });
      });
    }
  }
  return out;
}

/**
 * A prop the scene's action names (props.ts) that none of its shots lists. Only in a scene that
 * keeps props at all (a shot of it has a `props` list): the list is optional, and a canvas made
 * without it has nothing to miss.
 */
export function propNotCovered(ctx: RuleContext, actionOf: SceneAction): ReviewFinding[] {
  const { cast } = ctx;
  const out: ReviewFinding[] = [];
  for (const scene of cast.scenes) {
    const shots = inOrder(cast.shotsOf(scene));
    const keeping = shots.filter((s) => s.params.props !== undefined);
    const action = actionOf(scene);
    if (!keeping.length || !action) continue;
    const listed = shots.flatMap((s) => s.params.props ?? []);
    for (const prop of propsIn(action)) {
      if (listed.some((l) => mentions(l, prop) || mentions(prop, l))) continue;
      const to = keeping.find((s) => mentions(s.params.action, prop)) ?? keeping[0]!;
      const props = [...(to.params.props ?? []), prop];
      const op: SingleOp = { type: 'setParams', id: to.id, params: { props } };
      out.push({
        rule: 'prop-not-covered',
        nodeId: scene.id,
        message: `The action of scene ${scene.params.number} (${scene.params.heading}) names a ${prop}, but no shot of it lists one`,
        path: ['nodes', cast.index.get(scene.id)!],
        fixes: props.length <= MAX_PROPS ? [{ title: `List the ${prop} in ${ctx.names.of(to)}`, op }] : [],
      });
    }
  }
  return out;
}
