import { ReactFlowProvider } from '@xyflow/react';
import { useState } from 'react';
import { fitViewport } from '../hooks/useFitView';
import { useSession } from '../hooks/useSession';
import { FlowCanvas } from './FlowCanvas';
import { Inspector } from './inspector/Inspector';
import { StatusBar } from './StatusBar';

/**
 * The editor: canvas, inspector and status bar. The starting viewport is settled before the first
 * render (the restored one, or fit view computed from the document) so nothing renders at a wrong zoom.
 */
export function CanvasView() {
  const session = useSession();
  const [initialViewport] = useState(() => {
    const restored = session.ui.get().initialViewport;
    return restored ?? fitViewport(session.doc.nodeMap().values(), document.documentElement.clientWidth, document.documentElement.clientHeight);
  });
  return (
    <ReactFlowProvider>
      <div className="canvas-view">
        <FlowCanvas initialViewport={initialViewport} />
        <Inspector />
        <StatusBar />
      </div>
    </ReactFlowProvider>
  );
}
