// Types of notices.mjs for the TypeScript tests that import it.
import type { Metafile } from 'esbuild';

export function shippedPackages(vscodeignore: string): string[];
export function bundledPackages(metafiles: Pick<Metafile, 'inputs'>[]): string[];
export function writeNotices(opts: {
  root: string;
  metafiles: Pick<Metafile, 'inputs'>[];
  out: string;
}): { bundled: string[]; shipped: string[] };
