import { kindSpec } from '../../core/nodes';
import type { BmadEdge, BmadNode } from '../../core/schema';
import type { Viewport } from '../state/uiState';
import { FIT_MARGIN, fitViewport, nodeBounds } from './fitViewport';
import { topBand } from './overlays';
import { cardsReadable, FULL_ZOOM, OVERVIEW_ZOOM } from './zoomBands';

export interface Pane {
  readonly width: number;
  readonly height: number;
  readonly showMinimap: boolean;
}

const byPosition = (a: BmadNode, b: BmadNode) => a.position.y - b.position.y || a.position.x - b.position.x;
const sceneNumber = (n: BmadNode) => (n.kind === 'scene' ? n.params.number : Infinity);

/**
 * Where the flow starts: the script and its first scene (lowest number, among the scenes the script
 * feeds if it feeds any); without either, the top-left node.
 */
export function flowStart(nodes: readonly BmadNode[], edges: readonly BmadEdge[]): BmadNode[] {
  const script = nodes.filter((n) => n.kind === 'script').sort(byPosition)[0];
  const fed = new Set(script ? edges.filter((e) => e.source === script.id).map((e) => e.target) : []);
  const scenes = nodes.filter((n) => n.kind === 'scene');
  const candidates = scenes.some((s) => fed.has(s.id)) ? scenes.filter((s) => fed.has(s.id)) : scenes;
  const scene = candidates.sort((a, b) => sceneNumber(a) - sceneNumber(b) || byPosition(a, b))[0];
  const start: BmadNode[] = [script, scene].filter((n) => n !== undefined);
  return start.length ? start : [...nodes].sort(byPosition).slice(0, 1);
}

const overlaps = (lo: number, hi: number, a: number, b: number) => lo < b && hi > a;

/**
 * The viewport a canvas opens at when no saved one is restored: fit view when its cards can be read
 * there (cardsReadable); otherwise the flow's start at the zoom where a full card reads (at least where the
 * compact card's title does, if the start is wide), its top-left corner just inside the pane and
 * below the widgets' band. A card beside the start that would reach into the band or past the left
 * edge moves the view to clear it too, as long as the start stays in the upper-left third.
 */
export function openingViewport(nodes: readonly BmadNode[], edges: readonly BmadEdge[], pane: Pane): Viewport {
  const fit = fitViewport(nodes, pane.width, pane.height, pane.showMinimap);
  if (!nodes.length || cardsReadable(fit.zoom)) return fit;
  const start = nodeBounds(flowStart(nodes, edges))!;
  const top = topBand(pane.showMinimap);
  const room = { width: pane.width - 2 * FIT_MARGIN, height: pane.height - top - FIT_MARGIN };
  const zoom = Math.max(OVERVIEW_ZOOM, Math.min(FULL_ZOOM, room.width / start.width, room.height / start.height));
  const span = { width: pane.width / zoom, height: pane.height / zoom };

  let left = start.x;
  for (const n of nodes) {
    const { height } = kindSpec(n.kind).size;
    const inRows = overlaps(n.position.y, n.position.y + height, start.y, start.y + span.height);
    if (inRows) left = Math.min(left, n.position.x);
  }
  left = Math.max(left, start.x - room.width / 3 / zoom);
  let upper = start.y;
  for (const n of nodes) {
    const { width } = kindSpec(n.kind).size;
    const inColumns = overlaps(n.position.x, n.position.x + width, left, left + span.width);
    if (inColumns) upper = Math.min(upper, n.position.y);
  }
  upper = Math.max(upper, start.y - room.height / 3 / zoom);
  return { x: FIT_MARGIN - left * zoom, y: top - upper * zoom, zoom };
}
