/** Small colour arithmetic in sRGB; enough for grading a storyboard, not a colour-managed pipeline. */
export type RGB = readonly [number, number, number];

export function hex(h: string): RGB {
  const n = Number.parseInt(h.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

const clamp = (v: number) => Math.max(0, Math.min(255, Math.round(v)));

export function css(c: RGB, alpha = 1): string {
  return alpha >= 1 ? `rgb(${clamp(c[0])},${clamp(c[1])},${clamp(c[2])})` : `rgba(${clamp(c[0])},${clamp(c[1])},${clamp(c[2])},${alpha.toFixed(3)})`;
}

/** Linear mix: t = 0 gives a, 1 gives b. */
export function mix(a: RGB, b: RGB, t: number): RGB {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}

/** Towards black (amount < 0) or white (amount > 0). */
export function shade(c: RGB, amount: number): RGB {
  return amount < 0 ? mix(c, [0, 0, 0], -amount) : mix(c, [255, 255, 255], amount);
}

export function luma(c: RGB): number {
  return (0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]) / 255;
}

export const INK: RGB = [27, 26, 34];
