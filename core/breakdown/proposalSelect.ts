import type { SingleOp } from '../ops';
import type { BmadDocument } from '../schema';

/** What a person picked in a proposal: nodes (cards on the canvas) and edges. */
export interface ProposalPick {
  readonly nodes: readonly string[];
  readonly edges: readonly string[];
}

/** A proposal's ops cut in two: the picked part and the rest, each still in the proposal's order. */
export interface ProposalSplit {
  readonly picked: SingleOp[];
  readonly rest: SingleOp[];
}

type Ends = { readonly source: string; readonly target: string };

/** Every edge a proposal adds or removes, with its ends (a removed edge's ends are on the canvas). */
function edgeEnds(ops: readonly SingleOp[], base: BmadDocument): Map<string, Ends> {
  const ends = new Map<string, Ends>();
  const onCanvas = new Map(base.edges.map((e) => [e.id, e]));
  for (const op of ops) {
    if (op.type === 'insert') for (const e of op.edges) ends.set(e.id, e);
    if (op.type === 'connect') ends.set(op.edge.id, op.edge);
    if (op.type === 'remove') {
      for (const id of op.edgeIds) {
        const e = onCanvas.get(id);
        if (e) ends.set(id, e);
      }
    }
  }
  return ends;
}

const addedNodes = (ops: readonly SingleOp[]) => new Set(ops.flatMap((op) => (op.type === 'insert' ? op.nodes.map((n) => n.id) : [])));

/**
 * The whole of what accepting `pick` takes, so that what is applied always holds together: an edge
 * brings the nodes the proposal adds at its ends; a node brings its edges whose other end is on the
 * canvas already or accepted too (an edge to a proposed node that stays proposed waits with it).
 */
export function acceptedClosure(ops: readonly SingleOp[], base: BmadDocument, pick: ProposalPick): { nodes: Set<string>; edges: Set<string> } {
  const ends = edgeEnds(ops, base);
  const added = addedNodes(ops);
  const nodes = new Set(pick.nodes);
  const edges = new Set(pick.edges.filter((id) => ends.has(id)));
  for (const id of edges) {
    const e = ends.get(id)!;
    for (const end of [e.source, e.target]) if (added.has(end)) nodes.add(end);
  }
  const ready = (end: string) => nodes.has(end) || !added.has(end);
  for (const [id, e] of ends) {
    if ((nodes.has(e.source) || nodes.has(e.target)) && ready(e.source) && ready(e.target)) edges.add(id);
  }
  return { nodes, edges };
}

/** What rejecting `pick` drops: the nodes, and every edge of the proposal that touches one of them. */
export function rejectedClosure(ops: readonly SingleOp[], base: BmadDocument, pick: ProposalPick): { nodes: Set<string>; edges: Set<string> } {
  const nodes = new Set(pick.nodes);
  const edges = new Set(pick.edges);
  for (const [id, e] of edgeEnds(ops, base)) if (nodes.has(e.source) || nodes.has(e.target)) edges.add(id);
  return { nodes, edges };
}

/** Cuts each op along the chosen nodes and edges; an op that holds several (insert, remove, move) is split. */
export function splitOps(ops: readonly SingleOp[], chosen: { nodes: ReadonlySet<string>; edges: ReadonlySet<string> }): ProposalSplit {
  const picked: SingleOp[] = [];
  const rest: SingleOp[] = [];
  const push = (to: SingleOp[], op: SingleOp | undefined) => op && to.push(op);
  const isNode = (id: string) => chosen.nodes.has(id);
  const isEdge = (id: string) => chosen.edges.has(id);
  for (const op of ops) {
    switch (op.type) {
      case 'insert':
        push(picked, insertOf(op.nodes.filter((n) => isNode(n.id)), op.edges.filter((e) => isEdge(e.id))));
        push(rest, insertOf(op.nodes.filter((n) => !isNode(n.id)), op.edges.filter((e) => !isEdge(e.id))));
        break;
      case 'remove':
        push(picked, removeOf(op.nodeIds.filter(isNode), op.edgeIds.filter(isEdge)));
        push(rest, removeOf(op.nodeIds.filter((id) => !isNode(id)), op.edgeIds.filter((id) => !isEdge(id))));
        break;
      case 'move': {
        const [mine, others] = [op.moves.filter((m) => isNode(m.id)), op.moves.filter((m) => !isNode(m.id))];
        if (mine.length) picked.push({ type: 'move', moves: mine });
        if (others.length) rest.push({ type: 'move', moves: others });
        break;
      }
      case 'connect':
        (isEdge(op.edge.id) ? picked : rest).push(op);
        break;
      case 'setParams':
      case 'rename':
        (isNode(op.id) ? picked : rest).push(op);
        break;
    }
  }
  return { picked, rest };
}

function insertOf(nodes: Extract<SingleOp, { type: 'insert' }>['nodes'], edges: Extract<SingleOp, { type: 'insert' }>['edges']): SingleOp | undefined {
  return nodes.length || edges.length ? { type: 'insert', nodes, edges } : undefined;
}

function removeOf(nodeIds: string[], edgeIds: string[]): SingleOp | undefined {
  return nodeIds.length || edgeIds.length ? { type: 'remove', nodeIds, edgeIds } : undefined;
}

/** Accepting `pick`: `picked` is applied as one edit, `rest` stays proposed. */
export const acceptPick = (ops: readonly SingleOp[], base: BmadDocument, pick: ProposalPick): ProposalSplit =>
  splitOps(ops, acceptedClosure(ops, base, pick));

/** Rejecting `pick`: `picked` is dropped, `rest` stays proposed. */
export const rejectPick = (ops: readonly SingleOp[], base: BmadDocument, pick: ProposalPick): ProposalSplit =>
  splitOps(ops, rejectedClosure(ops, base, pick));

/** The node and edge ids a set of ops touches (what of a proposal is still undecided). */
export function touchedIds(ops: readonly SingleOp[]): Set<string> {
  const ids = new Set<string>();
  for (const op of ops) {
    if (op.type === 'insert') for (const x of [...op.nodes, ...op.edges]) ids.add(x.id);
    if (op.type === 'remove') for (const id of [...op.nodeIds, ...op.edgeIds]) ids.add(id);
    if (op.type === 'move') for (const m of op.moves) ids.add(m.id);
    if (op.type === 'connect') ids.add(op.edge.id);
    if (op.type === 'setParams' || op.type === 'rename') ids.add(op.id);
  }
  return ids;
}
