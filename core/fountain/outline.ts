import { plainText } from './inline';
import type { SourcePosition } from './source';
import type { FountainDocument } from './types';

/**
 * The outline of a screenplay: sections (`#`, `##`, …) holding what follows them up to the next
 * section of the same or a higher level, and scenes from their heading up to the next heading or
 * section. An editor shows it as document symbols; nothing else is in it.
 */
export interface OutlineItem {
  readonly kind: 'section' | 'scene';
  /** The section's title, or the scene heading without its number. */
  readonly name: string;
  /** The scene number written in the heading (`#12#`), if any. */
  readonly detail: string;
  /** From the item's first character to the end of the last element it holds. */
  readonly start: SourcePosition;
  readonly end: SourcePosition;
  /** The heading's or section's own line. */
  readonly nameEnd: SourcePosition;
  readonly children: readonly OutlineItem[];
}

type Open = { depth: number; item: Omit<OutlineItem, 'children' | 'end'> & { end: SourcePosition; children: Open['item'][] } };

export function fountainOutline(doc: FountainDocument): OutlineItem[] {
  const roots: Open['item'][] = [];
  /** The sections still open, outermost first; a scene at the end while it is open. */
  const open: Open[] = [];
  const place = (item: Open['item']) => (open.length ? open[open.length - 1]!.item.children : roots).push(item);
  for (const e of doc.elements) {
    if (e.kind === 'section') {
      while (open.length && open[open.length - 1]!.depth >= e.depth) open.pop();
      const name = plainText(e.text).trim() || '(untitled section)';
      const item = { kind: 'section' as const, name, detail: '', start: e.range.start, nameEnd: e.range.end, end: e.range.end, children: [] };
      place(item);
      open.push({ depth: e.depth, item });
    } else if (e.kind === 'heading') {
      // A scene is closed by the next heading: it sits below every section, at an unreachable depth.
      if (open.length && open[open.length - 1]!.item.kind === 'scene') open.pop();
      const name = plainText(e.text).trim();
      const item = { kind: 'scene' as const, name, detail: e.sceneNumber ?? '', start: e.range.start, nameEnd: e.range.end, end: e.range.end, children: [] };
      place(item);
      open.push({ depth: Infinity, item });
    }
    for (const o of open) o.item.end = e.range.end;
  }
  return roots;
}
