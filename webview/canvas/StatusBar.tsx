import { useEffect, useState } from 'react';
import { useUi } from '../hooks/useUi';
import type { UiState } from '../state/uiState';

const selectStatus = (s: UiState) => s.status;
const selectHint = (s: UiState) => s.connectHint;
const SHOW_MS = 6000;

/**
 * Messages inside the canvas: a refused edit (from core's check or the host's `opResult`) and, while a
 * connection is dragged, why it would be refused. Announced to screen readers.
 */
export function StatusBar() {
  const status = useUi(selectStatus);
  const hint = useUi(selectHint);
  const [shown, setShown] = useState(status);
  useEffect(() => {
    setShown(status);
    if (!status) return;
    const t = setTimeout(() => setShown(undefined), SHOW_MS);
    return () => clearTimeout(t);
  }, [status]);
  const text = hint ?? shown?.text;
  const level = hint ? 'error' : shown?.level;
  return (
    <div className={`status-bar${text ? ' is-visible' : ''} level-${level ?? 'info'}`} role="status" aria-live="polite">
      {text && <span className="status-text">{text}</span>}
      {shown && !hint && <button type="button" className="status-close" aria-label="Dismiss" onClick={() => setShown(undefined)}>×</button>}
    </div>
  );
}
