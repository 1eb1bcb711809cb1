import { useMemo, useRef } from 'react';
import type { ChangeMark } from '../../core/compareView';
import type { BmadEdge, BmadNode } from '../../core/schema';
import type { CardNode, PortEdge } from '../canvas/nodes/flowTypes';
import { toFlowEdge } from '../canvas/nodes/toFlowEdge';
import { toFlowNode, toGhostNode } from '../canvas/nodes/toFlowNode';
import type { DragDrafts } from '../state/dragDrafts';
import type { UiState, Viewport } from '../state/uiState';
import { useDocVersion } from './useDocVersion';
import { useVisibleNodes } from './useVisibleNodes';
import { useSession } from './useSession';
import { useSpatialIndex } from './useSpatialIndex';
import { useStoreSlice } from './useStoreSlice';
import { useUi } from './useUi';

export interface FlowElements {
  readonly nodes: CardNode[];
  readonly edges: PortEdge[];
}

const NONE: FlowElements = { nodes: [], edges: [] };
const selectSelection = (s: UiState) => s.selection;
const selectEdges = (s: UiState) => s.selectedEdges;
const selectCompare = (s: UiState) => s.compare;
const selectPositions = (s: { positions: ReadonlyMap<string, { x: number; y: number }> }) => s.positions;

type NodeCache = Map<string, {
  src: BmadNode; selected: boolean; pos: { x: number; y: number }; ghost: boolean; mark: ChangeMark | undefined; node: CardNode;
}>;
type EdgeCache = Map<string, { src: BmadEdge; selected: boolean; edge: PortEdge }>;

/**
 * What React Flow gets: cards for the visible nodes (useVisibleNodes) and the selected and dragged
 * ones; every edge touching them; and, for an edge whose other end is off screen, that end as an
 * invisible "ghost" node (an empty wrapper), so the edge is drawn without a card far away.
 * Each flow object is rebuilt only when its document object, selection, drag position or role
 * changed, so React Flow (which compares by identity) skips the rest. While zoomed out it gets
 * nothing: the overview layer draws the canvas.
 */
export function useFlowElements(drafts: DragDrafts, hidden: boolean, initial: Viewport): FlowElements {
  const { doc } = useSession();
  const version = useDocVersion();
  const index = useSpatialIndex(!hidden);
  const live = useVisibleNodes(index, initial);
  const selection = useUi(selectSelection);
  const selectedEdges = useUi(selectEdges);
  const compare = useUi(selectCompare);
  const positions = useStoreSlice(drafts, selectPositions);
  const nodeCache = useRef<NodeCache>(new Map());
  const edgeCache = useRef<EdgeCache>(new Map());
  const lastEdges = useRef<PortEdge[]>([]);
  return useMemo(() => {
    if (hidden || !index) return NONE;
    const cards = new Set(live);
    for (const id of selection) cards.add(id);
    for (const id of positions.keys()) cards.add(id);
    const all = new Set(cards);
    const nextEdges: EdgeCache = new Map();
    const edges: PortEdge[] = [];
    for (const id of cards) {
      for (const e of index.edgesOf(id)) {
        if (nextEdges.has(e.id)) continue;
        const sel = selectedEdges.has(e.id);
        let c = edgeCache.current.get(e.id);
        if (!c || c.src !== e || c.selected !== sel) c = { src: e, selected: sel, edge: toFlowEdge(e, doc.getNode(e.source), sel) };
        nextEdges.set(e.id, c);
        edges.push(c.edge);
        all.add(e.source).add(e.target);
      }
    }
    const nextNodes: NodeCache = new Map();
    const nodes: CardNode[] = [];
    // The compare's marks: a card with none gets no mark, so nodes that did not change look as ever.
    const marks = compare?.marks;
    for (const id of [...all].sort((a, b) => (index.order.get(a) ?? 0) - (index.order.get(b) ?? 0))) {
      const n = doc.getNode(id);
      if (!n) continue;
      const ghost = !cards.has(id);
      const selected = selection.has(id);
      const pos = positions.get(id) ?? n.position;
      const mark = marks?.get(id);
      let c = nodeCache.current.get(id);
      if (!c || c.src !== n || c.selected !== selected || c.pos !== pos || c.ghost !== ghost || c.mark !== mark) {
        c = { src: n, selected, pos, ghost, mark, node: ghost ? toGhostNode(n) : toFlowNode(n, selected, pos, mark) };
      }
      nextNodes.set(id, c);
      nodes.push(c.node);
    }
    nodeCache.current = nextNodes;
    edgeCache.current = nextEdges;
    // The same edges as before keep the same array: React Flow then skips rebuilding its edge and
    // connection lookups, which a moved card (nearly every change) does not touch.
    if (!sameItems(edges, lastEdges.current)) lastEdges.current = edges;
    return { nodes, edges: lastEdges.current };
    // `version` stands for "the document changed" (the mirror maps are updated in place).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [doc, version, index, live, selection, selectedEdges, positions, hidden, compare]);
}

const sameItems = <T>(a: readonly T[], b: readonly T[]) => a.length === b.length && a.every((x, i) => x === b[i]);
