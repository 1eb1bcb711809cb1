import type { BreakdownCache } from './cache';
import type { Breakdown, Lines } from './types';

/**
 * The canvas nodes a breakdown stands for: kind, key, label and params, cut to what the node schemas
 * take (a 3,000-word speech still makes a valid shot). Layout columns follow build-example's canvas.
 */
export type ManagedKind = 'scene' | 'shot' | 'character';

export interface DesiredNode {
  readonly key: string;
  readonly kind: ManagedKind;
  readonly label: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly lines: Lines;
  /** A shot's scene key. */
  readonly scene?: string;
}

export const COLUMN: Readonly<Record<ManagedKind | 'script', number>> = { script: 0, scene: 320, character: 640, shot: 960 };

const cut = (s: string, max: number) => (s.length > max ? s.slice(0, max) : s);
const pad2 = (n: number) => String(n).padStart(2, '0');
const number = (n: number) => Math.min(9999, Math.max(1, n));

/** The same scene or shot of the breakdown (a cached one) gives the same node, by identity. */
function memo<T extends object>(cache: BreakdownCache | undefined, of: T, make: (of: T) => DesiredNode): DesiredNode {
  const hit = cache?.desired.get(of) as DesiredNode | undefined;
  if (hit) return hit;
  const d = make(of);
  cache?.desired.set(of, d);
  return d;
}

export function desiredNodes(b: Breakdown, cache?: BreakdownCache): DesiredNode[] {
  const scenes = b.scenes.map((scene) => memo(cache, scene, (s): DesiredNode => ({
    key: s.key,
    kind: 'scene',
    label: `Scene ${s.number} · ${s.timeOfDay}`,
    params: { number: number(s.number), heading: cut(s.heading, 200), timeOfDay: s.timeOfDay, synopsis: cut(s.synopsis, 2000) },
    lines: s.lines,
  })));
  const characters = b.characters.map((c): DesiredNode => ({
    key: c.key,
    kind: 'character',
    label: cut(c.name, 200),
    params: { name: cut(c.name, 80), description: c.description, silhouette: c.silhouette, colors: [...c.colors], voice: c.voice, pitch: c.pitch, rate: c.rate,
      // Only when the script says: a character without it keeps the params (and job key) it always had.
      ...(c.wardrobe && { wardrobe: cut(c.wardrobe, 200) }) },
    lines: { from: c.firstLine, to: c.firstLine },
  }));
  const shots = b.shots.map((shot) => memo(cache, shot, (s): DesiredNode => ({
    key: s.key,
    kind: 'shot',
    label: `Shot ${pad2(s.number)} · ${s.framing}`,
    params: {
      number: number(s.number),
      action: cut(s.action, 2000),
      framing: s.framing,
      camera: s.camera,
      duration: Math.min(60, Math.max(0.5, s.duration)),
      characters: s.characters.slice(0, 12).map((c) => cut(c, 80)),
      dialogue: s.dialogue.slice(0, 50).map((d) => ({ character: cut(d.character, 80), line: cut(d.line, 1000) })),
      // Only when there are any: a shot without props keeps the params (and job key) it always had.
      ...(s.props.length > 0 && { props: s.props.slice(0, 30) }),
    },
    lines: s.lines,
    scene: s.scene,
  })));
  return [...scenes, ...characters, ...shots];
}
