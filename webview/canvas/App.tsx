import { useUi } from '../hooks/useUi';
import type { UiState } from '../state/uiState';
import { CanvasView } from './CanvasView';
import { ErrorView } from './ErrorView';
import { MergeView } from './merge/MergeView';

const selectMode = (s: UiState) => s.mode;
const selectMerge = (s: UiState) => s.merge;

export function App() {
  const mode = useUi(selectMode);
  const merge = useUi(selectMerge);
  if (mode === 'invalid') return <ErrorView />;
  if (mode === 'merge' && merge) return <MergeView key={merge.version} merge={merge} />;
  if (mode === 'loading') return <div className="loading" role="status">Opening canvas…</div>;
  return <CanvasView />;
}
