import { parseFountain, plainText } from '../fountain';
import { displayName, foldName, scenesOf, words, type SceneText } from './beats';
import { coverScene, type CoverageContext } from './coverage';
import { readHeading } from './heading';
import { suggest } from './suggest';
import type { BreakdownCache, SceneRun } from './cache';
import type { Breakdown, BreakdownCharacter, BreakdownProblem, BreakdownScene, BreakdownShot } from './types';

/**
 * Script → scenes, characters and shots: pure, deterministic and offline. Every part has a key that
 * an edit elsewhere in the script does not change (see each part's `key`), which is what lets a re-run
 * change only what the edit touched (toOps.ts).
 */
export function breakDown(source: string, cache?: BreakdownCache): Breakdown {
  const doc = parseFountain(source);
  const problems: BreakdownProblem[] = [];
  const texts = scenesOf(doc.elements, problems);
  const people = collectPeople(texts);
  const mentioners = [...people.values()].map((p) => ({ name: p.name, re: new RegExp(`(^|[^\\p{L}\\p{N}])${escape(p.folded)}(?![\\p{L}\\p{N}])`, 'iu') }));
  const mentions = (text: string) => mentioners.filter((m) => m.re.test(text)).map((m) => m.name);
  const ctx: CoverageContext = { seenLocations: new Set(), mentions, nameOf: (f) => people.get(f)?.name ?? displayName(f), last: 0 };
  // Who is known decides every scene's names and mentions, so it is part of each scene's cache key.
  const known = [...people.keys()].join('\u0001');

  const scenes: BreakdownScene[] = [];
  const shots: BreakdownShot[] = [];
  const ordinals = new Map<string, number>();
  const runs = new Map<string, SceneRun>();
  texts.forEach((t, index) => {
    const { heading } = t;
    const read = readHeading(heading.text, scenes.at(-1)?.timeOfDay);
    const folded = foldName(heading.text);
    const ordinal = (ordinals.get(folded) ?? 0) + 1;
    ordinals.set(folded, ordinal);
    const key = heading.sceneNumber ? `scene:${heading.sceneNumber}` : `scene:${folded}:${ordinal}`;
    const number = /^\d+$/.test(heading.sceneNumber ?? '') ? Number(heading.sceneNumber) : index + 1;
    // Everything the scene's breakdown depends on: its text where it is, and the state the scenes before left.
    const end = texts[index + 1]?.heading.range.start.offset ?? source.length;
    const memo = cache && [
      key, number, t.lines.from, scenes.at(-1)?.timeOfDay, ctx.last, ctx.seenLocations.has(read.location), known,
      source.slice(heading.range.start.offset, end),
    ].join('\u0000');
    let run = memo === undefined ? undefined : cache!.scenes.get(memo);
    if (!run) {
      const opened = ctx.seenLocations.size;
      const speakers = [...new Set(t.beats.flatMap((b) => (b.type === 'speech' ? [people.get(b.key)!.name] : [])))];
      const scene = { key, number, heading: heading.text, ...read, synopsis: t.synopsis, speakers, lines: t.lines };
      const covered = coverScene(t, key, read.location, ctx);
      const mentioned = t.beats.flatMap((b) => (b.type === 'action' ? [mentions(b.text)] : []));
      run = { scene, shots: covered, last: ctx.last, opened: ctx.seenLocations.size > opened, mentioned };
    }
    if (memo !== undefined) runs.set(memo, run);
    ctx.last = run.last;
    if (run.opened) ctx.seenLocations.add(read.location);
    scenes.push(run.scene);
    shots.push(...run.shots);
    let paragraph = 0;
    for (const b of t.beats) {
      if (b.type === 'action') for (const name of run.mentioned[paragraph++]!) people.get(foldName(name))?.seen(b.lines.from, number);
    }
    for (const b of t.beats) {
      if (b.type === 'speech') people.get(b.key)!.spoke(number, b.lines.from, words(b.text));
      if (b.type === 'shot') for (const c of b.note.characters) people.get(foldName(c))?.seen(b.lines.from, number);
    }
  });
  if (cache) cache.scenes = runs;
  const action = texts.flatMap((t) => t.beats.flatMap((b) => (b.type === 'action' ? [b.text] : [])));
  const characters = [...people.values()]
    .map((p) => p.result(action))
    .sort((a, b) => a.firstLine - b.firstLine || (a.key < b.key ? -1 : 1));
  const title = plainText(doc.titlePage.find((e) => e.key.toLowerCase() === 'title')?.value ?? '').replace(/\s+/g, ' ').trim();
  return { title: title || 'Untitled', scenes, characters, shots, problems };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Person {
  readonly folded: string;
  readonly name: string;
  seen(line: number, scene: number): void;
  spoke(scene: number, line: number, words: number): void;
  result(action: readonly string[]): BreakdownCharacter;
}

/** Everyone who speaks or is named in a shot note, once per folded name. */
function collectPeople(texts: readonly SceneText[]): Map<string, Person> {
  const people = new Map<string, Person>();
  const add = (raw: string) => {
    const folded = foldName(raw);
    if (!folded || people.has(folded)) return;
    let first = { line: Infinity, scene: 0 };
    let speeches = 0;
    const perScene = new Map<number, { scene: number; speeches: number; words: number }>();
    people.set(folded, {
      folded,
      name: displayName(folded),
      seen(line, scene) {
        if (line < first.line) first = { line, scene };
      },
      spoke(scene, line, count) {
        this.seen(line, scene);
        speeches++;
        const s = perScene.get(scene) ?? { scene, speeches: 0, words: 0 };
        perScene.set(scene, { scene, speeches: s.speeches + 1, words: s.words + count });
      },
      result: (action) => ({
        key: `character:${folded}`, name: displayName(folded), firstLine: first.line, firstScene: first.scene,
        speeches, perScene: [...perScene.values()], ...suggest(folded, action),
      }),
    });
  };
  for (const b of texts.flatMap((t) => t.beats)) {
    if (b.type === 'speech') add(b.name);
    if (b.type === 'shot') for (const c of b.note.characters) add(c);
  }
  return people;
}
