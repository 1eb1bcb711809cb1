import { edgeRef, nodeRef, shownValue } from './diffSummary';
import { KIND_NAMES } from './nodes';
import { kindCount } from './nodeNames';
import type { BmadDocument, Conflict } from './schema';

/**
 * One canvas as readable lines, a block per node in id order: what git's textconv shows, so that
 * `git log -p` on a .bmad reads as nodes and params, and a change is a change of a few lines.
 */

export function canvasSummary(doc: BmadDocument): string {
  const counts = new Map<string, number>();
  for (const n of doc.nodes) counts.set(n.kind, (counts.get(n.kind) ?? 0) + 1);
  const kinds = KIND_NAMES.filter((k) => counts.has(k)).map((k) => kindCount(k, counts.get(k)!));
  const nodes = `${doc.nodes.length} node${doc.nodes.length === 1 ? '' : 's'}${kinds.length ? ` (${kinds.join(', ')})` : ''}`;
  const edges = `${doc.edges.length} edge${doc.edges.length === 1 ? '' : 's'}`;
  const conflicts = doc.conflicts?.length ? `, ${doc.conflicts.length} unresolved conflict${doc.conflicts.length === 1 ? '' : 's'}` : '';
  return `${nodes}, ${edges}${conflicts}`;
}

/** A conflict as one line: what it is about, and each side's value. */
export function conflictLine(c: Conflict): string {
  switch (c.on) {
    case 'param':
      return `${c.node} params.${c.param}: base ${shownValue(c.base ?? undefined)}, ours ${shownValue(c.ours ?? undefined)}, theirs ${shownValue(c.theirs ?? undefined)}`;
    case 'label':
      return `${c.node} label: base ${shownValue(c.base)}, ours ${shownValue(c.ours)}, theirs ${shownValue(c.theirs)}`;
    case 'node': {
      const side = (n: unknown) => (n === null ? 'deleted it' : 'changed it');
      return `${c.node} node: ours ${side(c.ours)}, theirs ${side(c.theirs)}`;
    }
    case 'edge':
      return `edge ${c.edge}: ${c.reason}`;
  }
}

export function canvasListing(doc: BmadDocument): string[] {
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const lines = [canvasSummary(doc)];
  if (doc.nodes.length) lines.push('');
  for (const n of [...doc.nodes].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    lines.push(`${nodeRef(n)} at (${n.position.x}, ${n.position.y})`);
    for (const [key, value] of Object.entries(n.params)) if (value !== undefined) lines.push(`    ${key}: ${shownValue(value)}`);
  }
  const edges = [...doc.edges].sort((a, b) => (a.id < b.id ? -1 : 1));
  if (edges.length) lines.push('', ...edges.map((e) => `edge ${edgeRef(e, byId)}`));
  if (doc.conflicts?.length) lines.push('', ...doc.conflicts.map((c) => `conflict ${conflictLine(c)}`));
  return lines;
}
