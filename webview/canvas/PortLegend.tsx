import { Panel } from '@xyflow/react';
import { memo } from 'react';
import { PORT_TYPE_LIST } from './nodes/portColors';

/** What the port colours mean; a port's own tooltip says the same for that port. */
export const PortLegend = memo(function PortLegend() {
  return (
    <Panel position="top-left" className="port-legend" aria-label="Port types">
      {PORT_TYPE_LIST.map((t) => (
        <span key={t} className="legend-item"><span className={`legend-dot port-${t}`} aria-hidden="true" />{t}</span>
      ))}
    </Panel>
  );
});
