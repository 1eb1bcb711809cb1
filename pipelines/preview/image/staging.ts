import type { CharacterContext, ShotContext } from '../../../core/previewParams';
import { rng } from '../rng';
import type { Pose } from './figure';

export type Framing = ShotContext['framing'];

/** How the backdrop is seen: zoom about a focal point and depth-of-field blur (in picture heights). */
export interface BackdropCamera {
  zoom: number;
  focalX: number;
  focalY: number;
  blur: number;
}

const CAMERAS: Record<Framing, BackdropCamera> = {
  wide: { zoom: 1, focalX: 0.5, focalY: 0.62, blur: 0 },
  medium: { zoom: 1.35, focalX: 0.5, focalY: 0.62, blur: 0.0025 },
  'close-up': { zoom: 1.8, focalX: 0.5, focalY: 0.6, blur: 0.007 },
  'extreme-close-up': { zoom: 2.6, focalX: 0.5, focalY: 0.58, blur: 0.011 },
  'over-shoulder': { zoom: 1.6, focalX: 0.55, focalY: 0.6, blur: 0.006 },
};

export function backdropCamera(framing: Framing): BackdropCamera {
  return CAMERAS[framing];
}

export interface Placed {
  character: CharacterContext;
  pose: Pose;
}

/**
 * Where each character stands and how big, for a framing. Left-to-right order follows the characters'
 * names, so two people keep their sides of the screen from shot to shot (the 180° rule); the seed only
 * nudges positions a little.
 */
export function stage(
  framing: Framing,
  characters: readonly CharacterContext[],
  stature: (c: CharacterContext) => number,
  shot: ShotContext | null,
  w: number,
  h: number,
  groundY: number,
  seed: number,
): Placed[] {
  if (characters.length === 0) return [];
  const r = rng(seed, 'staging');
  const speakers = new Set((shot?.dialogue ?? []).map((d) => d.character.toLowerCase()));
  const speaking = (c: CharacterContext) => speakers.has(c.name.toLowerCase());
  const byName = [...characters].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const subject = characters.find(speaking) ?? characters[0]!;
  const leftSide = byName.indexOf(subject) === 0 && byName.length > 1 ? true : byName.length === 1 ? r() < 0.5 : false;
  const pose = (c: CharacterContext, x: number, crown: number, scale: number, facing: number, extra: Partial<Pose> = {}): Placed => {
    const height = scale * h * stature(c);
    return { character: c, pose: { x: x * w, y: crown * h + height, height, facing, back: false, speaking: speaking(c), blur: 0, ...extra } };
  };

  switch (framing) {
    case 'wide':
    case 'medium': {
      const n = byName.length;
      const spread = framing === 'wide' ? Math.min(0.6, 0.2 * (n - 1)) : Math.min(0.64, 0.3 * (n - 1));
      const scale = framing === 'wide' ? 0.46 : n > 2 ? 1.25 : 1.45;
      return byName.map((c, i) => {
        const x = n === 1 ? 0.5 + (r() - 0.5) * 0.16 : 0.5 - spread / 2 + (spread * i) / (n - 1) + (r() - 0.5) * 0.03;
        const facing = n === 1 ? 0 : x < 0.5 ? 0.6 : -0.6;
        if (framing === 'wide') {
          const height = scale * h * stature(c);
          const feet = groundY + (r() - 0.5) * h * 0.02;
          return { character: c, pose: { x: x * w, y: feet, height, facing, back: false, speaking: speaking(c), blur: 0 } };
        }
        // Medium: everyone on one floor, so a taller person's head is higher in frame; the tallest
        // head sits just inside the top.
        const tallest = Math.max(...byName.map(stature));
        const feet = (0.08 + scale * tallest) * h;
        const height = scale * h * stature(c);
        return { character: c, pose: { x: x * w, y: feet, height, facing, back: false, speaking: speaking(c), blur: 0 } };
      });
    }
    case 'close-up':
      return [pose(subject, leftSide ? 0.4 : 0.6, 0.07, 3.1 / stature(subject), leftSide ? 0.45 : -0.45)];
    case 'extreme-close-up':
      return [pose(subject, 0.5, -0.1, 6.2 / stature(subject), leftSide ? 0.2 : -0.2)];
    case 'over-shoulder': {
      const other = characters.find((c) => c !== subject);
      const face = pose(subject, leftSide ? 0.36 : 0.64, 0.12, 2.0 / stature(subject), leftSide ? 0.55 : -0.55);
      if (!other) return [face];
      const shoulder = pose(other, leftSide ? 0.9 : 0.1, 0.02, 3.8 / stature(other), leftSide ? -0.8 : 0.8, { back: true, speaking: false, blur: h * 0.012 });
      return [face, shoulder];
    }
  }
}
