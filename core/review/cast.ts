import { foldName } from '../breakdown/beats';
import type { Breakdown } from '../breakdown/types';
import { isKind, paramOf, type BmadDocument, type BmadNode } from '../schema';

type Shot = Extract<BmadNode, { kind: 'shot' }>;
type Scene = Extract<BmadNode, { kind: 'scene' }>;
type Character = Extract<BmadNode, { kind: 'character' }>;

/**
 * The canvas as the review reads it: each shot's scene (its `scene` input), who is in a shot (the
 * names in its `characters` and the character nodes wired into it), and, when the script is known,
 * who the script has in each scene. Names are compared folded, as the breakdown folds them.
 */
export class CanvasCast {
  readonly index = new Map<string, number>();
  readonly shots: Shot[] = [];
  readonly scenes: Scene[] = [];
  private readonly characters = new Map<string, Character>();
  private readonly sceneOfShot = new Map<string, Scene>();
  private readonly wired = new Map<string, { edge: number; character: Character }[]>();

  constructor(readonly doc: BmadDocument) {
    const byId = new Map(doc.nodes.map((n) => [n.id, n]));
    doc.nodes.forEach((n, i) => {
      this.index.set(n.id, i);
      if (isKind(n, 'shot')) this.shots.push(n);
      if (isKind(n, 'scene')) this.scenes.push(n);
      if (isKind(n, 'character')) this.characters.set(foldName(n.params.name), n);
    });
    doc.edges.forEach((e, edge) => {
      const source = byId.get(e.source);
      if (e.targetPort === 'scene' && isKind(source, 'scene')) this.sceneOfShot.set(e.target, source);
      if (e.targetPort === 'characters' && isKind(source, 'character')) {
        this.wired.set(e.target, [...(this.wired.get(e.target) ?? []), { edge, character: source }]);
      }
    });
  }

  sceneOf(shot: Shot): Scene | undefined {
    return this.sceneOfShot.get(shot.id);
  }

  shotsOf(scene: Scene): Shot[] {
    return this.shots.filter((s) => this.sceneOfShot.get(s.id) === scene);
  }

  /** The character node of a name, if the canvas has one. */
  character(name: string): Character | undefined {
    return this.characters.get(foldName(name));
  }

  /** The character nodes wired into a shot, with the index of each edge. */
  wiredInto(shot: Shot): readonly { edge: number; character: Character }[] {
    return this.wired.get(shot.id) ?? [];
  }

  /** Who is in a shot: folded name → the name as the shot has it. */
  castOf(shot: Shot): Map<string, string> {
    const cast = new Map<string, string>();
    for (const name of shot.params.characters) cast.set(foldName(name), name);
    for (const { character } of this.wiredInto(shot)) if (!cast.has(foldName(character.params.name))) cast.set(foldName(character.params.name), character.params.name);
    return cast;
  }
}

/**
 * A value per script scene, found for a canvas scene by the key the breakdown left on it, else by its
 * number.
 */
function byScriptScene<T>(b: Breakdown, value: (key: string) => T): (scene: Scene) => T | undefined {
  const byKey = new Map(b.scenes.map((s) => [s.key, value(s.key)]));
  const byNumber = new Map(b.scenes.map((s) => [s.number, byKey.get(s.key)!]));
  return (scene) => {
    const source = paramOf(scene, 'source') as { key?: string } | undefined;
    return (source?.key !== undefined ? byKey.get(source.key) : undefined) ?? byNumber.get(scene.params.number);
  };
}

/** Who the script has in each scene: whoever speaks in it or is in one of its shots. */
export function scriptCast(b: Breakdown): (scene: Scene) => ReadonlySet<string> | undefined {
  return byScriptScene(b, (key) => {
    const cast = new Set(b.scenes.find((s) => s.key === key)!.speakers.map(foldName));
    for (const shot of b.shots) if (shot.scene === key) for (const c of shot.characters) cast.add(foldName(c));
    return cast;
  });
}

/** The action of each scene as the script has it: every paragraph of it is in one of its shots. */
export function scriptAction(b: Breakdown): (scene: Scene) => string | undefined {
  return byScriptScene(b, (key) => b.shots.filter((s) => s.scene === key).map((s) => s.action).join('\n'));
}
