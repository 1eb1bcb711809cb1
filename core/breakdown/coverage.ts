import type { Camera, Framing } from '../fountain';
import { foldName, words, type Beat, type SceneText } from './beats';
import { propsIn } from './props';
import type { BreakdownShot, Lines, ShotRule } from './types';

/**
 * Shots for a scene. A scene with `[[shot …]]` notes keeps exactly the writer's shots: the action and
 * speeches after a note belong to it (what comes before the first note, to the first). Any other
 * scene gets coverage by these rules, in script order:
 *  - establishing: the first scene at a location opens on a wide, static shot of it (4 s), which
 *    takes the scene's first paragraph of action if it starts with one;
 *  - action: every other paragraph of action is a medium shot of whoever it names;
 *  - insert: each prop (props.ts) first named in a paragraph of the scene gets an extreme close-up (2 s);
 *  - exchange: speeches with no action between them are an exchange. Between two or more people it
 *    alternates an over-the-shoulder (the speaker over the last other speaker's shoulder) and a close
 *    single of the speaker; one person alone gets medium singles.
 * A shot's key is its scene's key, its rule, its subject and how many such shots came before it in the
 * scene, so an edit elsewhere leaves it the same shot.
 */

export interface CoverageContext {
  readonly seenLocations: Set<string>;
  /** Display names of the known people named in a text. */
  mentions(text: string): string[];
  /** The display name for a folded name. */
  nameOf(folded: string): string;
  /** The number the next shot gets, and what the last one had. */
  last: number;
}

const halfSeconds = (s: number, min: number, max: number) => Math.min(max, Math.max(min, Math.round(s * 2) / 2));
const span = (a: Lines, b: Lines): Lines => ({ from: Math.min(a.from, b.from), to: Math.max(a.to, b.to) });

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
/** A shot before its number, key and props; a noted one already has its number. */
type Draft = Mutable<Omit<BreakdownShot, 'key' | 'scene' | 'number' | 'props'>> & { subject: string; number?: number };

export function coverScene(scene: SceneText, sceneKey: string, location: string, ctx: CoverageContext): BreakdownShot[] {
  const drafts = scene.beats.some((b) => b.type === 'shot') ? noted(scene.beats, ctx) : covered(scene, location, ctx);
  const seen = new Map<string, number>();
  return drafts.map(({ subject, ...d }) => {
    const n = d.rule === 'note' ? d.number! : ++ctx.last;
    ctx.last = Math.max(ctx.last, n);
    const id = `${d.rule}:${subject}`;
    const ordinal = (seen.get(id) ?? 0) + 1;
    seen.set(id, ordinal);
    const key = d.rule === 'note' ? `shot:${n}` : `${sceneKey}/${id}:${ordinal}`;
    return { ...d, key, scene: sceneKey, number: n, props: d.rule === 'insert' ? [subject] : propsIn(d.action) };
  });
}

function noted(beats: readonly Beat[], ctx: CoverageContext): Draft[] {
  const shots: Draft[] = [];
  const pending: Beat[] = [];
  const fill = (shot: Draft, b: Beat) => {
    shot.lines = span(shot.lines, b.lines);
    if (b.type === 'action') shot.action = [shot.action, b.text].filter(Boolean).join(' ');
    if (b.type === 'speech') (shot.dialogue as { character: string; line: string }[]).push({ character: ctx.nameOf(b.key), line: b.text });
  };
  for (const b of beats) {
    if (b.type !== 'shot') {
      if (shots.length) fill(shots.at(-1)!, b);
      else pending.push(b);
      continue;
    }
    const { number, framing, camera, duration, characters } = b.note;
    const shot: Draft = {
      rule: 'note', subject: String(number), number, framing, camera, duration, action: '', dialogue: [], lines: b.lines,
      characters: characters.map((c) => ctx.nameOf(foldName(c))),
    };
    shots.push(shot);
    if (shots.length === 1) for (const p of pending) fill(shot, p);
  }
  return shots;
}

function shot(rule: ShotRule, subject: string, framing: Framing, duration: number, lines: Lines, rest: Partial<Draft> = {}): Draft {
  const camera: Camera = 'static';
  return { rule, subject, framing, camera, duration, lines, characters: [], action: '', dialogue: [], ...rest };
}

function covered(scene: SceneText, location: string, ctx: CoverageContext): Draft[] {
  const out: Draft[] = [];
  const beats = [...scene.beats];
  const inserted = new Set<string>();
  const inserts = (text: string, lines: Lines) => {
    for (const prop of propsIn(text).filter((p) => !inserted.has(p))) {
      inserted.add(prop);
      out.push(shot('insert', prop, 'extreme-close-up', 2, lines, { action: `Insert: the ${prop}.` }));
    }
  };
  if (location && !ctx.seenLocations.has(location)) {
    ctx.seenLocations.add(location);
    const first = beats[0]?.type === 'action' ? (beats.shift() as Extract<Beat, { type: 'action' }>) : undefined;
    const text = first?.text ?? '';
    out.push(shot('establishing', '', 'wide', 4, first?.lines ?? { from: scene.lines.from, to: scene.lines.from }, { action: text || location, characters: ctx.mentions(text) }));
    if (first) inserts(text, first.lines);
  }
  let exchange: Extract<Beat, { type: 'speech' }>[] = [];
  const flush = () => {
    out.push(...exchangeShots(exchange, ctx));
    exchange = [];
  };
  for (const b of beats) {
    if (b.type === 'speech') {
      exchange.push(b);
      continue;
    }
    flush();
    if (b.type !== 'action') continue;
    out.push(shot('action', '', 'medium', halfSeconds(words(b.text) / 3 + 1, 2, 10), b.lines, { action: b.text, characters: ctx.mentions(b.text) }));
    inserts(b.text, b.lines);
  }
  flush();
  return out;
}

function exchangeShots(speeches: readonly Extract<Beat, { type: 'speech' }>[], ctx: CoverageContext): Draft[] {
  const people = new Set(speeches.map((s) => s.key));
  return speeches.map((s, k) => {
    const who = ctx.nameOf(s.key);
    const duration = halfSeconds(words(s.text) / 2.5 + 1, 2, 30);
    const dialogue = [{ character: who, line: s.text }];
    if (people.size < 2) return shot('single', s.key, 'medium', duration, s.lines, { characters: [who], dialogue });
    if (k % 2 === 1) return shot('single', s.key, 'close-up', duration, s.lines, { characters: [who], dialogue });
    const listener = [...speeches.slice(0, k)].reverse().find((x) => x.key !== s.key) ?? speeches.slice(k + 1).find((x) => x.key !== s.key)!;
    return shot('over-shoulder', s.key, 'over-shoulder', duration, s.lines, { characters: [who, ctx.nameOf(listener.key)], dialogue });
  });
}
