/**
 * A feature-length screenplay, made the same every time from a seeded generator: scenes at recurring
 * locations, action that names people and props, exchanges of dialogue with parentheticals. A page is
 * taken as 55 lines, the usual screenplay page.
 */
const PEOPLE = ['MARGIT', 'JONAH', 'ORLA', 'TOMAS', 'AGNES', 'PETER', 'LINA', 'OSKAR', 'RUTH', 'DR. HALE', 'MAEVE', 'IBRAHIM'];
const PLACES = ['LIGHTHOUSE LANTERN ROOM', 'HARBOUR WALL', 'KEEPER\'S COTTAGE', 'FISH MARKET', 'LIFEBOAT STATION', 'CLIFF PATH', 'PUB', 'CHURCH', 'FERRY DECK', 'RADIO ROOM'];
const TIMES = ['DAY', 'NIGHT', 'DUSK', 'DAWN', 'CONTINUOUS'];
const VERBS = ['crosses to the window', 'picks up the lamp', 'reads the letter', 'checks the radio', 'pours a cup of tea', 'opens the door', 'looks at the map'];
const LINES = ['We should have called the lifeboat.', 'The wind is turning.', 'You never listen to me.', 'Hold the glass steady.', 'It will pass by morning.', 'Who left the door open?'];

export const LINES_PER_PAGE = 55;

export function generateScript(pages: number, seed = 1): string {
  let s = seed >>> 0;
  const rand = (n: number) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
  const pick = <T>(xs: readonly T[]) => xs[rand(xs.length)]!;
  const out = ['Title: The Long Watch', 'Author: bench/generateScript.ts', ''];
  for (let scene = 1; out.length < pages * LINES_PER_PAGE; scene++) {
    out.push(`${rand(2) ? 'INT' : 'EXT'}. ${pick(PLACES)} - ${pick(TIMES)}`, '', `= Scene ${scene} moves the story on.`, '');
    const cast = [pick(PEOPLE), pick(PEOPLE), pick(PEOPLE)];
    out.push(`${cast[0]} ${pick(VERBS)} while ${cast[1]!.toLowerCase()} watches. Rain on the glass.`, '');
    for (let k = 0, n = 6 + rand(5); k < n; k++) {
      out.push(cast[k % 2]!);
      if (rand(4) === 0) out.push('(quietly)');
      out.push(pick(LINES), '');
      if (rand(6) === 0) out.push(`${cast[2]} ${pick(VERBS)}.`, '');
    }
  }
  return out.join('\n');
}
