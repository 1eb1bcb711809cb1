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
  /** Fixed card size in px, known before mount so the canvas never has to measure a node. */
  readonly size: { readonly width: number; readonly height: number };
}

export function defineKind<P extends z.ZodObject>(spec: NodeKindSpec<P>): NodeKindSpec<P> {
  return spec;
}

/**
 * Whether a kind's params carry the generation params (common.ts: a seed and a tier override). Read
 * from its schema, the one place that says so. Which kinds render is another fact, with its own one
 * place: the pipeline table (isPreviewKind in core/previewParams.ts) — edit and output render too.
 */
export const takesTier = (spec: NodeKindSpec): boolean => 'tier' in spec.params.shape;

export const CARD = { width: 240, height: 132 } as const;
export const GENERATING_CARD = { width: 240, height: 196 } as const;
