import { ReactFlowProvider } from '@xyflow/react';
import { useState } from 'react';
import { useSession } from '../hooks/useSession';
import { CompareBar } from './CompareBar';
import { FlowCanvas } from './FlowCanvas';
import { Inspector } from './inspector/Inspector';
import { openingViewport } from './openingViewport';
import { PortLegend } from './PortLegend';
import { StatusBar } from './StatusBar';

/**
 * The editor: port legend, canvas, inspector and status bar (the legend first, so it is the first
 * stop of Tab). The starting viewport is settled before the first render (the restored one, or the
 * opening view computed from the document) so nothing renders at a wrong zoom.
 */
export function CanvasView() {
  const session = useSession();
  const [initialViewport] = useState(() => {
    const { initialViewport: restored, settings } = session.ui.get();
    const { clientWidth: width, clientHeight: height } = document.documentElement;
    const { doc } = session;
    const pane = { width, height, showMinimap: settings.showMinimap };
    return restored ?? openingViewport([...doc.nodeMap().values()], [...doc.edgeMap().values()], pane);
  });
  return (
    <ReactFlowProvider>
      <div className="canvas-view">
        <PortLegend />
        <FlowCanvas initialViewport={initialViewport} />
        <CompareBar />
        <Inspector />
        <StatusBar />
      </div>
    </ReactFlowProvider>
  );
}
