import { z } from 'zod';
import type { PortSpec } from '../ports';

/** Everything the studio knows about one kind of node; one file per kind declares one of these. */
export interface NodeKindSpec<P extends z.ZodObject = z.ZodObject> {
  readonly kind: string;
  readonly title: string;
  readonly description: string;
  readonly inputs: readonly PortSpec[];
  readonly outputs: readonly PortSpec[];
  readonly params: P;
  /** Params a new node starts with; must satisfy `params`. */
  readonly defaults: () => z.infer<P>;
  /** Param keys shown on the node card, in order. */
  readonly summary: readonly (keyof z.infer<P> & string)[];
  /** True when a pipeline renders this node's content (it then has a seed and a tier override). */
  readonly generates: boolean;
  /** Fixed card size in px, known before mount so the canvas never has to measure a node. */
  readonly size: { readonly width: number; readonly height: number };
}

export function defineKind<P extends z.ZodObject>(spec: NodeKindSpec<P>): NodeKindSpec<P> {
  return spec;
}

export const CARD = { width: 240, height: 132 } as const;
export const GENERATING_CARD = { width: 240, height: 196 } as const;
