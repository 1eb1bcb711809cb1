import { graphIssues, type BmadDocument, type BmadEdge, type BmadNode } from '../../core/schema';
import { jsonEqual } from '../state/yNode';

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Edges that a merge of concurrent edits left invalid: one person deleted a node while another
 * connected to it, two people filled the same single input, or two new edges close a cycle. Each
 * is fine on its own, so no peer refused it. Every peer computes the same list from the same merged
 * state (edges in id order), deletes them, and so they all converge on a document that saves.
 */
export function invalidEdges(doc: BmadDocument): string[] {
  const out: string[] = [];
  let edges = [...doc.edges].sort(byId);
  const nodes = [...doc.nodes].sort(byId);
  // Each round removes at least one edge, so this ends.
  for (;;) {
    const bad = new Set<string>();
    for (const issue of graphIssues({ version: doc.version, nodes, edges })) {
      const at = issue.path[0] === 'edges' ? issue.path[1] : undefined;
      if (typeof at === 'number' && edges[at]) bad.add(edges[at].id);
    }
    if (bad.size === 0) return out;
    out.push(...bad);
    edges = edges.filter((e) => !bad.has(e.id));
  }
}

/**
 * Carries a change made to the text (base → incoming: a text editor, git checkout) onto the shared
 * canvas (current), node by node and edge by edge, so that what others did meanwhile to the rest of
 * the canvas stays instead of being reset to this peer's older file.
 */
export function rebaseOnto(base: BmadDocument, incoming: BmadDocument, current: BmadDocument): BmadDocument {
  return {
    version: incoming.version,
    nodes: carry<BmadNode>(base.nodes, incoming.nodes, current.nodes),
    edges: carry<BmadEdge>(base.edges, incoming.edges, current.edges),
  };
}

function carry<T extends { id: string }>(base: readonly T[], incoming: readonly T[], current: readonly T[]): T[] {
  const was = new Map(base.map((x) => [x.id, x]));
  const now = new Map(incoming.map((x) => [x.id, x]));
  const out = new Map(current.map((x) => [x.id, x]));
  for (const id of new Set([...was.keys(), ...now.keys()])) {
    const before = was.get(id);
    const after = now.get(id);
    if (before !== undefined && after !== undefined && jsonEqual(before, after)) continue;
    if (after === undefined) out.delete(id);
    else out.set(id, after);
  }
  return [...out.values()];
}
