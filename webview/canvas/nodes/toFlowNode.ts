import { nodeLabel, nodeTitle } from '../../../core/nodeNames';
import { kindSpec, takesTier, type NodeKind } from '../../../core/nodes';
import type { RenderKind } from '../../../core/previewParams';
import { paramOf, type BmadNode } from '../../../core/schema';
import type { ChangeMark } from '../../../core/compareView';
import { handlesOf } from './cardLayout';
import type { CardData, CardFamily, CardNode } from './flowTypes';

/** Kinds that render (the pipeline table says which) get a family that shows render state; others do not. */
const FAMILY: { [K in NodeKind]: K extends RenderKind ? 'generate' | 'audio' | 'finish' : 'story' | 'cast' } = {
  script: 'story',
  scene: 'story',
  shot: 'story',
  character: 'cast',
  style: 'cast',
  image: 'generate',
  video: 'generate',
  audio: 'audio',
  edit: 'finish',
  output: 'finish',
};

function formatValue(v: unknown): string {
  if (v === undefined || v === null || v === '') return '—';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Math.round(v * 100) / 100);
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (Array.isArray(v)) return v.length ? v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join(', ') : '—';
  const s = String(v);
  return s.length > 80 ? s.slice(0, 79) + '…' : s;
}

export function cardData(n: BmadNode): CardData {
  const spec = kindSpec(n.kind);
  const tier = paramOf(n, 'tier');
  return {
    kind: n.kind,
    label: nodeLabel(n),
    title: spec.title,
    summary: spec.summary.map((k) => [k, formatValue(paramOf(n, k))] as const),
    tier: takesTier(spec) ? (typeof tier === 'string' ? tier : 'default') : undefined,
  };
}

/**
 * A React Flow node with everything known up front: width/height/measured from the kind's fixed size
 * and declared handle bounds. React Flow then never needs a ResizeObserver pass before it can place
 * edges, and `onlyRenderVisibleElements` really skips off-screen nodes on the first render too.
 */
export function toFlowNode(n: BmadNode, selected: boolean, position = n.position, mark?: ChangeMark): CardNode {
  const { width, height } = kindSpec(n.kind).size;
  return {
    id: n.id,
    type: FAMILY[n.kind],
    position,
    data: cardData(n),
    width,
    height,
    measured: { width, height },
    handles: handlesOf(n.kind),
    selected,
    // A compare mark (diff-added, diff-removed, diff-changed) colours the card; a removed one is a ghost.
    className: mark ? `kind-${n.kind} diff-${mark}` : `kind-${n.kind}`,
    ariaLabel: mark ? `${nodeTitle(n)} (${mark})` : nodeTitle(n),
  };
}

/**
 * The far end of an edge whose card is not mounted: React Flow needs the node to place the edge, but
 * it renders as nothing and cannot be selected, dragged or focused.
 */
export function toGhostNode(n: BmadNode): CardNode {
  const { width, height } = kindSpec(n.kind).size;
  return {
    id: n.id,
    type: 'ghost',
    position: n.position,
    data: cardData(n),
    width,
    height,
    measured: { width, height },
    handles: handlesOf(n.kind),
    selectable: false,
    draggable: false,
    focusable: false,
    connectable: false,
    className: 'ghost-node',
  };
}
