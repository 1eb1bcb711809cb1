import type { CharacterContext } from '../../../core/previewParams';
import { hash32 } from '../rng';
import { hex, mix, shade, type RGB } from './color';

/**
 * How a character looks, derived only from the character's own params (never the shot's seed), so the
 * same person is drawn the same way in every shot: the consistency a viewer notices first.
 */
export interface Appearance {
  coat: RGB;
  legs: RGB;
  accent: RGB;
  hat: RGB | null;
  skin: RGB;
  hair: RGB;
  hairStyle: 'short' | 'long' | 'bun' | 'curly' | 'bald';
  beard: boolean;
  glasses: boolean;
  scarf: boolean;
  body: Body;
}

/** Proportions in units of the figure's height (feet at 0, crown at 1). */
export interface Body {
  /** Height relative to an average adult: how tall the figure stands next to others. */
  stature: number;
  head: number;
  shoulder: number;
  waist: number;
  hip: number;
}

const BODIES: Record<CharacterContext['silhouette'], Body> = {
  slim: { stature: 1, head: 0.072, shoulder: 0.115, waist: 0.075, hip: 0.085 },
  broad: { stature: 1.03, head: 0.072, shoulder: 0.17, waist: 0.13, hip: 0.12 },
  tall: { stature: 1.16, head: 0.064, shoulder: 0.11, waist: 0.072, hip: 0.08 },
  small: { stature: 0.72, head: 0.095, shoulder: 0.12, waist: 0.095, hip: 0.1 },
  round: { stature: 0.94, head: 0.076, shoulder: 0.14, waist: 0.175, hip: 0.15 },
};

const SKINS = ['#f1c9a5', '#e0ac85', '#c68863', '#a26a45', '#7a4b2e', '#f6d7c0'].map(hex);
const HAIRS = ['#2b211c', '#4a3024', '#6b4a2f', '#1d1b1e', '#8a5a34'].map(hex);
const STYLES: Appearance['hairStyle'][] = ['short', 'long', 'bun', 'curly', 'short'];

const HAIR_WORDS: [RegExp, string][] = [
  [/\b(grey|gray|silver|white)[- ]?(haired|hair|beard)?\b/, '#b9b6b0'],
  [/\bblond(e)?\b/, '#d9b56a'],
  [/\b(red[- ]haired|red hair|ginger|auburn)\b/, '#a8502a'],
  [/\b(black[- ]haired|black hair|dark hair)\b/, '#1b1a1e'],
  [/\b(brown[- ]haired|brown hair)\b/, '#5a3a24'],
];

export function appearanceOf(c: CharacterContext): Appearance {
  const d = c.description.toLowerCase();
  const h = hash32(0, `character:${c.name}`);
  const colors = c.colors.map(hex);
  const coat = colors[0]!;
  const hairWord = HAIR_WORDS.find(([re]) => re.test(d));
  let hairStyle = STYLES[(h >>> 8) % STYLES.length]!;
  if (/\bbald\b/.test(d)) hairStyle = 'bald';
  else if (/\b(long hair|braid|ponytail|plait)\b/.test(d)) hairStyle = 'long';
  else if (/\bbun\b/.test(d)) hairStyle = 'bun';
  else if (/\bcurl(y|s)\b/.test(d)) hairStyle = 'curly';
  else if (/\bshort hair|crew cut|cropped\b/.test(d)) hairStyle = 'short';
  const hasHat = /\b(hat|cap|beanie|beret|hood)\b/.test(d);
  return {
    coat,
    legs: colors[1] ?? shade(coat, -0.55),
    accent: colors[2] ?? (colors[1] ? shade(colors[1], 0.35) : mix(coat, [240, 230, 210], 0.6)),
    hat: hasHat ? (colors[3] ?? colors[2] ?? shade(coat, -0.3)) : null,
    skin: SKINS[h % SKINS.length]!,
    hair: hairWord ? hex(hairWord[1]) : HAIRS[(h >>> 16) % HAIRS.length]!,
    hairStyle,
    beard: /\bbeard(ed)?\b/.test(d),
    glasses: /\b(glasses|spectacles|specs)\b/.test(d),
    scarf: /\bscarf\b/.test(d),
    body: BODIES[c.silhouette],
  };
}
