import type { CanvasDiff, NodeDiff } from './diff';
import { KIND_NAMES } from './nodes';
import { kindCount, nodeLabel } from './nodeNames';
import type { BmadEdge, BmadNode } from './schema';

/** How a diff reads to a person: a one-line summary and the param-level listing under it. */

const VERBS = ['changed', 'added', 'removed'] as const;
type Verb = (typeof VERBS)[number];

const edgeCount = (n: number): string => `${n} edge${n === 1 ? '' : 's'}`;

/** Counts per noun, the noun said once: "3 shots changed, 1 added, 2 edges removed". */
function phrases(counts: Readonly<Record<Verb, number>>, noun: (n: number) => string): string[] {
  const out: string[] = [];
  for (const verb of VERBS) {
    const n = counts[verb];
    if (n) out.push(`${out.length ? n : noun(n)} ${verb}`);
  }
  return out;
}

export function diffSummary(d: CanvasDiff): string {
  const byKind = new Map<string, Record<Verb, number>>();
  for (const n of d.nodes) {
    const kind = n.status === 'changed' ? n.after.kind : n.node.kind;
    const counts = byKind.get(kind) ?? { changed: 0, added: 0, removed: 0 };
    counts[n.status]++;
    byKind.set(kind, counts);
  }
  const parts: string[] = [];
  for (const kind of KIND_NAMES) {
    const counts = byKind.get(kind);
    if (counts) parts.push(...phrases(counts, (n) => kindCount(kind, n)));
  }
  parts.push(...phrases({ changed: 0, added: d.edgesAdded.length, removed: d.edgesRemoved.length }, edgeCount));
  return parts.length ? parts.join(', ') : 'no changes';
}

/** A value as one line of JSON; "(none)" for a key that is absent on that side. */
export const shownValue = (v: unknown): string => (v === undefined ? '(none)' : JSON.stringify(v));

/** `"Shot 3" (shot n_ab12)`: the label people know, and the kind and id that say exactly which. */
export const nodeRef = (n: BmadNode): string => `"${nodeLabel(n)}" (${n.kind} ${n.id})`;

/** `e_1: "Shot 1".shot → "Image 2".prompt`, ends named by label where the canvas has them. */
export function edgeRef(e: BmadEdge, nodes: ReadonlyMap<string, BmadNode>): string {
  const end = (id: string, port: string) => {
    const n = nodes.get(id);
    return `${n ? `"${nodeLabel(n)}"` : id}.${port}`;
  };
  return `${e.id}: ${end(e.source, e.sourcePort)} → ${end(e.target, e.targetPort)}`;
}

function nodeLines(n: NodeDiff): string[] {
  if (n.status === 'added') return [`+ ${nodeRef(n.node)}`];
  if (n.status === 'removed') return [`- ${nodeRef(n.node)}`];
  const lines = [`~ ${nodeRef(n.after)}`];
  if (n.kindChanged) lines.push(`    kind: ${n.before.kind} → ${n.after.kind}`);
  if (n.labelChanged) lines.push(`    label: ${shownValue(n.before.label)} → ${shownValue(n.after.label)}`);
  if (n.moved) {
    const [a, b] = [n.before.position, n.after.position];
    lines.push(`    position: (${a.x}, ${a.y}) → (${b.x}, ${b.y})`);
  }
  for (const p of n.params) lines.push(`    params.${p.key}: ${shownValue(p.before)} → ${shownValue(p.after)}`);
  return lines;
}

/**
 * Every change, one node per block. `nodes` names edge ends: both sides' nodes, so an edge to a
 * removed node still shows its label.
 */
export function diffListing(d: CanvasDiff, nodes: ReadonlyMap<string, BmadNode>): string[] {
  return [
    ...d.nodes.flatMap(nodeLines),
    ...d.edgesRemoved.map((e) => `- edge ${edgeRef(e, nodes)}`),
    ...d.edgesAdded.map((e) => `+ edge ${edgeRef(e, nodes)}`),
  ];
}
