import { z } from 'zod';
import { kindSpec, type NodeKind } from '../../../core/nodes';
import { ScriptSource } from '../../../core/nodes/common';
import { DialogueLine, WardrobeEntry } from '../../../core/nodes/shot';

/**
 * Inspector fields derived from a kind's zod schema, so a new param in core shows up in the form
 * with no UI change. A shot's dialogue (speaker, line) and wardrobe (character, costume) are edited as
 * rows; any other list of objects the form cannot edit natively gets a JSON editor.
 */
interface Base {
  readonly key: string;
  readonly optional: boolean;
  readonly description: string | undefined;
}
export type FieldSpec = Base & (
  | { readonly type: 'text'; readonly multiline: boolean; readonly maxLength: number | undefined }
  | { readonly type: 'number'; readonly int: boolean; readonly min: number | undefined; readonly max: number | undefined }
  | { readonly type: 'enum'; readonly options: readonly string[] }
  | { readonly type: 'boolean' }
  | { readonly type: 'list'; readonly item: 'text' | 'color' }
  | { readonly type: 'dialogue' }
  | { readonly type: 'wardrobe' }
  | { readonly type: 'json' }
);

/** Texts that may run to paragraphs get a textarea. */
const MULTILINE_FROM = 1000;

const finite = (v: number | null | undefined): number | undefined => (v === null || v === undefined || !Number.isFinite(v) ? undefined : v);

/** A colour list is told apart by behaviour, not by internals: it takes "#3a7bd5" and refuses "red". */
const isColor = (s: z.ZodType): boolean => s.safeParse('#3a7bd5').success && !s.safeParse('red').success;

function fieldOf(key: string, outer: z.ZodType): FieldSpec {
  const optional = outer instanceof z.ZodOptional;
  const inner = (optional ? (outer as z.ZodOptional<z.ZodType>).unwrap() : outer) as z.ZodType;
  const base = { key, optional, description: outer.description ?? inner.description };
  if (inner instanceof z.ZodString) {
    const maxLength = finite(inner.maxLength);
    return { ...base, type: 'text', maxLength, multiline: (maxLength ?? 0) >= MULTILINE_FROM };
  }
  if (inner instanceof z.ZodNumber) return { ...base, type: 'number', int: !!inner.isInt, min: finite(inner.minValue), max: finite(inner.maxValue) };
  if (inner instanceof z.ZodEnum) return { ...base, type: 'enum', options: inner.options.map(String) };
  if (inner instanceof z.ZodBoolean) return { ...base, type: 'boolean' };
  if (inner instanceof z.ZodArray && inner.element instanceof z.ZodString) return { ...base, type: 'list', item: isColor(inner.element) ? 'color' : 'text' };
  if (inner instanceof z.ZodArray && inner.element === DialogueLine) return { ...base, type: 'dialogue' };
  if (inner instanceof z.ZodArray && inner.element === WardrobeEntry) return { ...base, type: 'wardrobe' };
  return { ...base, type: 'json' };
}

const cache = new Map<NodeKind, readonly FieldSpec[]>();

export function fieldSpecs(kind: NodeKind): readonly FieldSpec[] {
  let specs = cache.get(kind);
  if (!specs) {
    const shape = kindSpec(kind).params.shape as Record<string, z.ZodType>;
    // What the script breakdown last wrote is its bookkeeping, kept by Break Down Script: not a field to edit.
    specs = Object.entries(shape).filter(([, s]) => s !== ScriptSource).map(([k, s]) => fieldOf(k, s));
    cache.set(kind, specs);
  }
  return specs;
}
