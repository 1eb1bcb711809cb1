import { ControlButton, Controls, ReactFlow, type OnMove } from '@xyflow/react';
import { memo, useCallback, useMemo } from 'react';
import { BenchProbe } from '../bench/benchHook';
import { useCanvasKeyboard } from '../hooks/useCanvasKeyboard';
import { useClipboard } from '../hooks/useClipboard';
import { useConnectionRules } from '../hooks/useConnectionRules';
import { useFitView } from '../hooks/useFitView';
import { useFlowElements } from '../hooks/useFlowElements';
import { useZoomBand } from '../hooks/useZoomBand';
import { useOverviewPicking } from '../hooks/useOverviewPicking';
import { usePresencePointer } from '../hooks/usePresencePointer';
import { useSelectionSync } from '../hooks/useSelectionSync';
import { useSession } from '../hooks/useSession';
import { useUi } from '../hooks/useUi';
import { useViewCommands } from '../hooks/useViewCommands';
import { createDragDrafts } from '../state/dragDrafts';
import { editLock } from '../state/editLock';
import type { UiState, Viewport } from '../state/uiState';
import { DotBackground } from './DotBackground';
import { MAX_ZOOM, MIN_ZOOM } from './fitViewport';
import { CanvasMiniMap } from './minimap/CanvasMiniMap';
import type { CardNode, PortEdge } from './nodes/flowTypes';
import { nodeTypes } from './nodes/nodeTypes';
import { OverviewLayer } from './overview/OverviewLayer';
import { PresenceLayer } from './presence/PresenceLayer';

const GRID: [number, number] = [16, 16];
const MULTI_SELECT = ['Shift', 'Meta', 'Control'];
const PRO = { hideAttribution: true };
const selectSettings = (s: UiState) => s.settings;
const selectConnecting = (s: UiState) => s.connecting;

/**
 * The React Flow canvas, fully controlled from the session: it gets nodes and edges with known sizes
 * and handle bounds, only those in view (useFlowElements; this replaces `onlyRenderVisibleElements`,
 * which measured no faster on top of it, and keeps React Flow's store and its per-frame selectors
 * small), and none while zoomed out (the overview layer draws the canvas then). Deletion and arrow
 * moves are ours (useCanvasKeyboard); on a read-only canvas dispatch refuses them.
 */
export function FlowCanvas({ initialViewport }: { initialViewport: Viewport }) {
  const session = useSession();
  const drafts = useMemo(createDragDrafts, []);
  const settings = useUi(selectSettings);
  const connecting = useUi(selectConnecting);
  // A read-only or compared canvas's cards neither drag nor connect: the gesture would only be refused
  // at its end. React Flow 12 still starts a connection from a handle when nodesConnectable is off (that
  // only hides the line), so its ports take no pointer (canvas.css, .is-readonly).
  const editable = useUi(editLock) === undefined;
  const band = useZoomBand(initialViewport.zoom);
  const overview = band === 'overview';
  const { nodes, edges } = useFlowElements(drafts, overview, initialViewport);
  const handlers = useSelectionSync(drafts);
  const rules = useConnectionRules();
  const picking = useOverviewPicking(overview);
  const fitView = useFitView();
  useCanvasKeyboard(fitView);
  useClipboard();
  useViewCommands(fitView);
  usePresencePointer();
  const onMove = useCallback<OnMove>((_e, vp) => session.setViewport(vp), [session]);

  return (
    <ReactFlow<CardNode, PortEdge>
      className={`bmad-flow zoom-${band}${editable ? '' : ' is-readonly'}`}
      data-connecting={connecting}
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      {...handlers}
      {...rules}
      onPaneClick={picking.onPaneClick}
      onSelectionEnd={picking.onSelectionEnd}
      onMove={onMove}
      nodesDraggable={editable}
      nodesConnectable={editable}
      defaultViewport={initialViewport}
      minZoom={MIN_ZOOM}
      maxZoom={MAX_ZOOM}
      snapToGrid={settings.snapToGrid}
      snapGrid={GRID}
      deleteKeyCode={null}
      multiSelectionKeyCode={MULTI_SELECT}
      elevateNodesOnSelect={false}
      proOptions={PRO}
    >
      {band === 'full' && <DotBackground gap={32} size={1.5} />}
      <OverviewLayer active={overview} />
      <PresenceLayer />
      {settings.showMinimap && <CanvasMiniMap />}
      <ZoomControls fitView={fitView} />
      {__BMAD_BENCH__ && <BenchProbe />}
    </ReactFlow>
  );
}

/**
 * Memoized: the canvas re-renders on every document change, and new children would re-render React
 * Flow's controls each time. Our fit view: React Flow's would fit only the nodes it holds (none
 * while zoomed out).
 */
const ZoomControls = memo(function ZoomControls({ fitView }: { fitView: () => void }) {
  return (
    <Controls className="canvas-zoom" position="top-right" orientation="horizontal" showInteractive={false} showFitView={false}>
      <ControlButton onClick={fitView} title="Fit view (F)" aria-label="Fit view">
        <svg viewBox="0 0 16 16" aria-hidden="true"><path d="M2 6V2h4v1.5H3.5V6zm8-4h4v4h-1.5V3.5H10zM3.5 10v2.5H6V14H2v-4zm9 0H14v4h-4v-1.5h2.5z" /></svg>
      </ControlButton>
    </Controls>
  );
});
