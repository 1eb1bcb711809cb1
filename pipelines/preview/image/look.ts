import type { SceneContext, StyleContext } from '../../../core/previewParams';
import { hex, mix, shade, type RGB } from './color';

export type TimeOfDay = SceneContext['timeOfDay'];
export type Motif = 'sea' | 'city' | 'woods' | 'hills';

/** Everything about the light and the place that the backdrop, the figures and the grade share. */
export interface Look {
  time: TimeOfDay;
  interior: boolean;
  motif: Motif;
  lighthouse: boolean;
  palette: RGB[];
  sky: { top: RGB; mid: RGB; horizon: RGB };
  /** Colour of the key light on figures and which side it comes from. */
  key: { color: RGB; fromLeft: boolean; strength: number };
  /** A colour laid over the whole picture to set the hour. */
  grade: { color: RGB; alpha: number; mode: 'multiply' | 'soft-light' | 'screen' } | null;
  /** A light source in the frame (lamp, low sun, moon) that blooms over everything, in picture fractions. */
  practical: { x: number; y: number; color: RGB; strength: number } | null;
  /** Ambient darkness for figures (0 bright day … 1 black). */
  dark: number;
  /** Salt for every random choice in the backdrop: the place, not the node, so shots of one place match. */
  sceneSalt: string;
}

const SKIES: Record<TimeOfDay, Look['sky']> = {
  day: { top: hex('#4f86c6'), mid: hex('#8dbbe3'), horizon: hex('#dbe9ef') },
  dawn: { top: hex('#36376a'), mid: hex('#b7779a'), horizon: hex('#f5c38e') },
  dusk: { top: hex('#1b2550'), mid: hex('#a34f66'), horizon: hex('#f0904a') },
  night: { top: hex('#060a1a'), mid: hex('#0f1833'), horizon: hex('#22325a') },
};

const KEYS: Record<TimeOfDay, Look['key']> = {
  day: { color: hex('#fff3dc'), fromLeft: true, strength: 0.35 },
  dawn: { color: hex('#ffb7a0'), fromLeft: true, strength: 0.45 },
  dusk: { color: hex('#ff9a4d'), fromLeft: false, strength: 0.5 },
  night: { color: hex('#8fb0ff'), fromLeft: false, strength: 0.45 },
};

const GRADES: Record<TimeOfDay, Look['grade']> = {
  day: null,
  dawn: { color: hex('#ff9fb4'), alpha: 0.16, mode: 'soft-light' },
  dusk: { color: hex('#ff7a30'), alpha: 0.2, mode: 'soft-light' },
  night: { color: hex('#4a5c98'), alpha: 0.42, mode: 'multiply' },
};

const MOTIFS: [Motif, RegExp][] = [
  ['sea', /\b(SEA|BEACH|SHORE|HARBOU?R|PIER|DOCK|COAST|LIGHTHOUSE|BOAT|OCEAN|CLIFFS?|BAY|JETTY|LANTERN ROOM)\b/],
  ['city', /\b(STREET|CITY|ROOF|ROOFTOP|ALLEY|TOWN|MARKET|STATION|BRIDGE|SQUARE|AVENUE)\b/],
  ['woods', /\b(FOREST|WOODS?|PARK|GARDEN|ORCHARD|FIELD|MEADOW|GROVE)\b/],
];

export function makeLook(scene: SceneContext | null, style: StyleContext): Look {
  const time = scene?.timeOfDay ?? 'day';
  const heading = (scene?.heading ?? '').toUpperCase();
  const palette = style.palette.map(hex);
  const tint = palette[0]!;
  // The style's dominant colour tints the sky a little, so a film keeps one colour world.
  const sky = SKIES[time];
  return {
    time,
    interior: /^\s*(INT|I\/E|INT\.\/EXT)\b/.test(heading),
    motif: MOTIFS.find(([, re]) => re.test(heading))?.[0] ?? 'hills',
    lighthouse: /LIGHTHOUSE|LANTERN/.test(heading),
    palette,
    sky: { top: mix(sky.top, shade(tint, -0.3), 0.15), mid: mix(sky.mid, tint, 0.12), horizon: mix(sky.horizon, tint, 0.08) },
    key: KEYS[time],
    grade: GRADES[time],
    practical: {
      day: null,
      dawn: { x: 0.24, y: 0.55, color: hex('#ffc7a0'), strength: 0.22 },
      dusk: { x: 0.7, y: 0.55, color: hex('#ffab66'), strength: 0.26 },
      night: { x: 0.78, y: 0.12, color: hex('#9fb6ff'), strength: 0.14 },
    }[time],
    dark: { day: 0, dawn: 0.18, dusk: 0.22, night: 0.5 }[time],
    // The place, not the scene or the hour: two scenes on the same harbour wall share its geography.
    sceneSalt: `place:${heading.replace(/\s+-\s+[^-]*$/, '').trim()}`,
  };
}
