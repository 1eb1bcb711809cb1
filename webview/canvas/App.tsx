import { useUi } from '../hooks/useUi';
import type { UiState } from '../state/uiState';
import { CanvasView } from './CanvasView';
import { ErrorView } from './ErrorView';

const selectMode = (s: UiState) => s.mode;

export function App() {
  const mode = useUi(selectMode);
  if (mode === 'invalid') return <ErrorView />;
  if (mode === 'loading') return <div className="loading" role="status">Opening canvas…</div>;
  return <CanvasView />;
}
