import type { UiState } from './uiState';

/**
 * Why nothing on the canvas can be edited now, or undefined when it can: a version from git that
 * cannot be written, or a compare (the canvas shows marks and ghosts, not the document as it is). Decided
 * here only: dispatch refuses with it, the inspector says it and locks its fields, the cards neither
 * drag nor connect. A module-level function, so it serves as a stable `useUi` selector.
 */
export function editLock(s: Pick<UiState, 'mode' | 'readOnly'>): string | undefined {
  if (s.readOnly !== undefined) return `read-only: ${s.readOnly}`;
  if (s.mode === 'compare') return 'comparing: close the compare to edit';
  return undefined;
}
