import { foldName, words } from '../breakdown/beats';
import { stableId } from '../breakdown/hash';
import { NODE_KINDS } from '../nodes';
import { NodeNames } from '../nodeNames';
import type { SingleOp } from '../ops';
import { nodeFrom, type BmadNode } from '../schema';
import type { CanvasCast } from './cast';
import type { ReviewFinding } from './types';

type Shot = Extract<BmadNode, { kind: 'shot' }>;
type Scene = Extract<BmadNode, { kind: 'scene' }>;

/** What every rule gets: the canvas read once, and how to name its nodes in a message. */
export interface RuleContext {
  readonly cast: CanvasCast;
  readonly names: NodeNames;
}

const one = (ops: SingleOp[]): SingleOp | { type: 'batch'; ops: SingleOp[] } => (ops.length === 1 ? ops[0]! : { type: 'batch', ops });
const MAX_CHARACTERS = 12;
const MAX_DURATION = 60;
/** Where a shot added for a scene goes: the breakdown's shot column is this far right of its scene column. */
const SHOT_OFFSET_X = 640;

/** A character in a shot whom the script does not have in the shot's scene. */
export function characterNotInScene({ cast, names }: RuleContext, sceneCast: (s: Scene) => ReadonlySet<string> | undefined): ReviewFinding[] {
  const out: ReviewFinding[] = [];
  for (const shot of cast.shots) {
    const scene = cast.sceneOf(shot);
    const want = scene && sceneCast(scene);
    if (!scene || !want) continue;
    const index = cast.index.get(shot.id)!;
    for (const [folded, name] of cast.castOf(shot)) {
      if (want.has(folded)) continue;
      const inParam = shot.params.characters.findIndex((c) => foldName(c) === folded);
      const edges = cast.wiredInto(shot).filter((w) => foldName(w.character.params.name) === folded);
      const ops: SingleOp[] = [];
      if (inParam >= 0) ops.push({ type: 'setParams', id: shot.id, params: { characters: shot.params.characters.filter((c) => foldName(c) !== folded) } });
      if (edges.length) ops.push({ type: 'remove', nodeIds: [], edgeIds: edges.map((w) => cast.doc.edges[w.edge]!.id) });
      out.push({
        rule: 'character-not-in-scene',
        nodeId: shot.id,
        message: `${name} is in ${names.of(shot)}, but the script does not have them in scene ${scene.params.number} (${scene.params.heading})`,
        path: inParam >= 0 ? ['nodes', index, 'params', 'characters', inParam] : ['edges', edges[0]!.edge],
        fixes: [{ title: `Take ${name} out of ${names.of(shot)}`, op: one(ops) }],
      });
    }
  }
  return out;
}

/** A line of dialogue spoken by someone who is not in the shot. */
export function dialogueNotInShot({ cast, names }: RuleContext): ReviewFinding[] {
  const out: ReviewFinding[] = [];
  for (const shot of cast.shots) {
    const inShot = cast.castOf(shot);
    const reported = new Set<string>();
    shot.params.dialogue.forEach((line, k) => {
      const folded = foldName(line.character);
      if (!folded || inShot.has(folded) || reported.has(folded)) return;
      reported.add(folded);
      out.push({
        rule: 'dialogue-not-in-shot',
        nodeId: shot.id,
        message: `${line.character.trim()} speaks in ${names.of(shot)} but is not in it`,
        path: ['nodes', cast.index.get(shot.id)!, 'params', 'dialogue', k, 'character'],
        fixes: putInShot(cast, shot, line.character.trim(), names),
      });
    });
  }
  return out;
}

function putInShot(cast: CanvasCast, shot: Shot, name: string, names: NodeNames): ReviewFinding['fixes'] {
  const ops: SingleOp[] = [];
  if (shot.params.characters.length < MAX_CHARACTERS) ops.push({ type: 'setParams', id: shot.id, params: { characters: [...shot.params.characters, name] } });
  const node = cast.character(name);
  if (node) {
    const edge = { source: node.id, sourcePort: 'character', target: shot.id, targetPort: 'characters' };
    ops.push({ type: 'connect', edge: { id: stableId('e', `${node.id}.character->${shot.id}.characters`), ...edge } });
  }
  return ops.length ? [{ title: `Put ${name} in ${names.of(shot)}`, op: one(ops) }] : [];
}

/** A scene no shot covers. */
export function sceneWithoutShots({ cast, names }: RuleContext): ReviewFinding[] {
  const taken = new Set(cast.doc.nodes.map((n) => n.id));
  const nextNumber = Math.min(9999, Math.max(0, ...cast.shots.map((s) => s.params.number)) + 1);
  return cast.scenes.filter((scene) => cast.shotsOf(scene).length === 0).map((scene) => {
    let id = stableId('n', `review:establishing:${scene.id}`);
    for (let k = 2; taken.has(id); k++) id = stableId('n', `review:establishing:${scene.id}#${k}`);
    const shot = nodeFrom({
      id, kind: 'shot', label: `Shot ${String(nextNumber).padStart(2, '0')} · wide`,
      position: { x: scene.position.x + SHOT_OFFSET_X, y: scene.position.y },
      params: { ...NODE_KINDS.shot.defaults(), number: nextNumber, framing: 'wide', action: `Establishing: ${scene.params.heading}`.slice(0, 2000) },
    });
    const edge = { id: stableId('e', `${scene.id}.scene->${id}.scene`), source: scene.id, sourcePort: 'scene', target: id, targetPort: 'scene' };
    return {
      rule: 'scene-without-shots' as const,
      nodeId: scene.id,
      message: `${names.of(scene)} has no shots: nothing covers scene ${scene.params.number} (${scene.params.heading})`,
      path: ['nodes', cast.index.get(scene.id)!],
      fixes: [{ title: `Add a wide establishing shot to ${names.of(scene)}`, op: { type: 'insert', nodes: [shot], edges: [edge] } }],
    };
  });
}

/**
 * A shot too short for its dialogue, read at each speaker's rate (words per minute on their character
 * node, or the character default). A shot cannot lack a duration (the schema requires one), so the
 * duration that says nothing is one its own lines do not fit in.
 */
export function shotTooShort({ cast, names }: RuleContext): ReviewFinding[] {
  const defaultRate = NODE_KINDS.character.defaults().rate;
  const out: ReviewFinding[] = [];
  for (const shot of cast.shots) {
    const seconds = shot.params.dialogue.reduce((t, l) => t + words(l.line) / ((cast.character(l.character)?.params.rate ?? defaultRate) / 60), 0);
    const needed = Math.min(MAX_DURATION, Math.ceil(seconds * 2) / 2);
    if (seconds <= shot.params.duration || needed <= shot.params.duration) continue;
    out.push({
      rule: 'shot-too-short',
      nodeId: shot.id,
      message: `${names.of(shot)} lasts ${shot.params.duration} s, but its dialogue takes ${seconds.toFixed(1)} s to say`,
      path: ['nodes', cast.index.get(shot.id)!, 'params', 'duration'],
      fixes: [{ title: `Make ${names.of(shot)} ${needed} s long`, op: { type: 'setParams', id: shot.id, params: { duration: needed } } }],
    });
  }
  return out;
}
