import { SILHOUETTES } from '../nodes/character';
import { hashNumber } from './hash';

/**
 * A first look and voice for a character, read from how the script introduces them. Deterministic and
 * plain, a starting point for the director to change:
 *  - the introduction is the first sentence of action that names them;
 *  - age: a number in brackets right after the name, `MARGIT (70s)`;
 *  - sex, for the voice: a gendered word within three words of the name (`his grandmother MARGIT`),
 *    else the majority of she/her against he/him/his in the sentences that name them;
 *  - colours: colour words in the introduction, else one picked by the name's hash;
 *  - silhouette: small for a child, else picked by the name's hash; voice, pitch and rate by age and sex;
 *  - wardrobe: a garment phrase right after the name in the introduction, `ANNA, in a red coat` or
 *    `BEN (40s) wearing his grey suit`: at most three lower-case words between, so a garment after
 *    someone else's name is not taken for theirs; none when the text says nothing that plain.
 */
export interface Suggestion {
  description: string;
  silhouette: (typeof SILHOUETTES)[number];
  colors: string[];
  voice: string;
  pitch: number;
  rate: number;
  wardrobe?: string;
}

const COLOURS: Readonly<Record<string, string>> = {
  red: '#c8362f', crimson: '#9e1b32', orange: '#e07b39', mustard: '#e0a526', yellow: '#e8c547', gold: '#c9a227',
  green: '#2f5d50', olive: '#6b7036', teal: '#2a7f7f', blue: '#2b4162', navy: '#1f3a5f', purple: '#5b3a70', pink: '#d98ca6',
  brown: '#6b4a2f', tan: '#c8a27a', grey: '#6e6e6e', gray: '#6e6e6e', black: '#222222', white: '#ecebe6', cream: '#f2e8cf',
};
const FALLBACK = ['#4a6fa5', '#7a5c3e', '#3f6e4f', '#8a3b3b', '#5a5a7a', '#b07d2b'];
const FEMALE = /^(she|her|hers|herself|woman|girl|mother|mum|mom|grandmother|gran|granny|daughter|sister|wife|aunt|niece|lady|queen|mrs|ms)$/;
const MALE = /^(he|him|his|himself|man|boy|father|dad|grandfather|grandpa|son|brother|husband|uncle|nephew|gentleman|king|mr)$/;

const GARMENTS = 'coat|overcoat|raincoat|oilskins?|jacket|suit|dress|gown|skirt|shirt|blouse|jumper|sweater|cardigan|hoodie|uniform|robe|cloak|cape|hat|cap|scarf|shawl|boots|apron|overalls|jeans|trousers|waistcoat|vest|tuxedo|nightgown|pyjamas|pajamas';
const WEARING = `(?:\\s*\\([^)]*\\))?,?(?:\\s+[a-z'-]+){0,3}?\\s+(?:wearing|dressed in|in)\\s+(?:a|an|his|her|their)\\s+((?:[a-z-]+\\s+){0,3}(?:${GARMENTS}))\\b`;

/** The garment phrase the introduction puts on the name; the name as written first, or in title case. */
function wardrobeOf(folded: string, intro: string): string | undefined {
  const title = folded.toLowerCase().replace(/(^|[\s'-])\p{L}/gu, (c) => c.toUpperCase());
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${escape(folded)}|${escape(title)})${WEARING}`, 'u').exec(intro)?.[1];
}

const sentences = (text: string) => text.match(/[^.!?]+[.!?]*/g)?.map((s) => s.trim()) ?? [];
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function sexOf(name: RegExp, named: readonly string[]): 'f' | 'm' | '' {
  for (const s of named) {
    const tokens = s.split(/\s+/);
    const at = tokens.findIndex((t) => name.test(t.replace(/[^\p{L}\p{N}'’-]/gu, '')));
    for (const t of tokens.slice(Math.max(0, at - 3), at + 4).map((x) => x.toLowerCase().replace(/[^a-z]/g, ''))) {
      if (FEMALE.test(t) && !/^(her|hers|she|herself)$/.test(t)) return 'f';
      if (MALE.test(t) && !/^(he|him|his|himself)$/.test(t)) return 'm';
    }
  }
  const count = (re: RegExp) => named.join(' ').toLowerCase().split(/[^a-z]+/).filter((w) => re.test(w)).length;
  const f = count(/^(she|her|hers|herself)$/);
  const m = count(/^(he|him|his|himself)$/);
  return f > m ? 'f' : m > f ? 'm' : '';
}

/** `folded` is the upper-case name; `action` the paragraphs of action in script order. */
export function suggest(folded: string, action: readonly string[]): Suggestion {
  const name = new RegExp(`^${escape(folded)}$`, 'i');
  const inText = new RegExp(`(^|[^\\p{L}\\p{N}])${escape(folded)}(?![\\p{L}\\p{N}])`, 'iu');
  const named = action.flatMap(sentences).filter((s) => inText.test(s));
  const intro = named[0] ?? '';
  const age = Number(new RegExp(`${escape(folded)}\\s*\\((\\d{1,3})s?\\)`, 'i').exec(intro)?.[1] ?? NaN);
  const sex = sexOf(name, named.slice(0, 3));
  const pick = <T>(list: readonly T[]) => list[hashNumber(folded) % list.length]!;
  const colours = [...new Set((intro.toLowerCase().match(/[a-z]+/g) ?? []).map((w) => COLOURS[w]).filter((c): c is string => !!c))];
  const wardrobe = wardrobeOf(folded, intro);
  const child = age < 14;
  const old = age >= 60;
  return {
    description: intro.slice(0, 2000),
    silhouette: child ? 'small' : pick(SILHOUETTES.filter((s) => s !== 'small')),
    colors: colours.length ? colours.slice(0, 4) : [pick(FALLBACK)],
    voice: sex ? `en-us+${sex}${child ? 4 : old ? 2 : 3}` : 'en-us',
    pitch: child ? 82 : old ? (sex === 'm' ? 30 : 40) : sex === 'f' ? 60 : sex === 'm' ? 38 : 50,
    rate: child ? 175 : old ? 145 : 165,
    ...(wardrobe && { wardrobe }),
  };
}
