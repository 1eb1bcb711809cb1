import { paramChanges } from '../../../core/diff';
import { edgeRef, nodeRef, shownValue } from '../../../core/diffSummary';
import type { BmadDocument, BmadEdge, BmadNode, Conflict } from '../../../core/schema';

/**
 * The merge view's rows: conflicts grouped by the node they are about (edges apart), each with what
 * it is about and every side's value as one line of text. Pure, so the wording is tested without a page.
 */

export interface ConflictRow {
  readonly index: number;
  readonly what: string;
  readonly base: string;
  readonly ours: string;
  readonly theirs: string;
}

export interface ConflictGroup {
  readonly key: string;
  readonly title: string;
  readonly rows: ConflictRow[];
}

/** A whole node on one side: deleted, or what it holds that differs from the reference. */
function nodeSide(n: BmadNode | null, reference: BmadNode | null): string {
  if (!n) return 'deleted';
  if (!reference) return `${nodeRef(n)} ${JSON.stringify(n.params)}`;
  const changes = paramChanges(reference, n).map((p) => `${p.key}: ${shownValue(p.after)}`);
  if (reference.label !== n.label) changes.unshift(`label: ${JSON.stringify(n.label)}`);
  if (reference.kind !== n.kind) changes.unshift(`kind: ${n.kind}`);
  return changes.length ? changes.join(', ') : 'unchanged';
}

function row(c: Conflict, index: number, names: ReadonlyMap<string, BmadNode>): ConflictRow {
  switch (c.on) {
    case 'param': {
      const v = (x: unknown) => shownValue(x ?? undefined);
      return { index, what: `params.${c.param}`, base: v(c.base), ours: v(c.ours), theirs: v(c.theirs) };
    }
    case 'label':
      return { index, what: 'label', base: JSON.stringify(c.base), ours: JSON.stringify(c.ours), theirs: JSON.stringify(c.theirs) };
    case 'node': {
      return {
        index,
        what: 'the whole node',
        base: c.base ? 'present' : '(none)',
        ours: nodeSide(c.ours, c.base ?? c.theirs),
        theirs: nodeSide(c.theirs, c.base ?? c.ours),
      };
    }
    case 'edge': {
      const e = (x: BmadEdge | null) => (x ? edgeRef(x, names) : '(none)');
      return { index, what: `edge: ${c.reason}`, base: e(c.base), ours: e(c.ours), theirs: e(c.theirs) };
    }
  }
}

export function conflictGroups(doc: BmadDocument, conflicts: readonly Conflict[]): ConflictGroup[] {
  const names = new Map(doc.nodes.map((n) => [n.id, n]));
  const groups = new Map<string, ConflictGroup>();
  conflicts.forEach((c, index) => {
    const key = c.on === 'edge' ? 'edges' : c.node;
    let group = groups.get(key);
    if (!group) {
      const node = c.on === 'edge' ? undefined : names.get(c.node) ?? (c.on === 'node' ? c.ours ?? c.theirs : undefined);
      const title = c.on === 'edge' ? 'Edges' : node ? nodeRef(node) : c.node;
      group = { key, title, rows: [] };
      groups.set(key, group);
    }
    group.rows.push(row(c, index, names));
  });
  return [...groups.values()];
}
