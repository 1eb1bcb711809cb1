import { filmCanvas } from './filmCanvas';
import { gridCanvas } from './gridCanvas';

/** Documents the bench server inlines into a page (see benchPage.mjs): `film` or a grid of n nodes. */
export function benchDocument(kind: string | null, n: number): unknown {
  return kind === 'film' ? filmCanvas() : gridCanvas(n);
}
