import { memo, useCallback } from 'react';
import { useSession } from '../hooks/useSession';
import { useUi } from '../hooks/useUi';
import type { UiState } from '../state/uiState';
import { PORT_TYPE_LIST } from './nodes/portColors';

const selectOpen = (s: UiState) => s.legendOpen;
const LIST_ID = 'port-legend-items';

/**
 * What the port colours mean (a port's own tooltip says the same for that port). It collapses to its
 * toggle, a real button (Tab, Enter, Space), and stays as the person left it (saved state).
 */
export const PortLegend = memo(function PortLegend() {
  const session = useSession();
  const open = useUi(selectOpen);
  const toggle = useCallback(() => session.setLegendOpen(!session.ui.get().legendOpen), [session]);
  return (
    <div className={`port-legend${open ? ' is-open' : ''}`}>
      <button type="button" className="legend-toggle" aria-expanded={open} aria-controls={LIST_ID} onClick={toggle}
        title={open ? 'Hide the port colours' : 'Show what the port colours mean'}>
        <span className="legend-swatches" aria-hidden="true">
          {PORT_TYPE_LIST.map((t) => <span key={t} className={`legend-dot port-${t}`} />)}
        </span>
        Ports
        <span className="legend-chevron" aria-hidden="true">{open ? '‹' : '›'}</span>
      </button>
      {open && (
        <ul id={LIST_ID} className="legend-items" aria-label="Port types">
          {PORT_TYPE_LIST.map((t) => (
            <li key={t} className="legend-item"><span className={`legend-dot port-${t}`} aria-hidden="true" />{t}</li>
          ))}
        </ul>
      )}
    </div>
  );
});
