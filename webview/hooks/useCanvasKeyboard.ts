import { useEffect } from 'react';
import { isTypingTarget } from '../canvas/isTypingTarget';
import { duplicateSelection, nudgeSelection, removeSelection } from '../canvas/selectionOps';
import type { CanvasSession } from '../state/session';
import { useSession } from './useSession';

const ARROWS: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

/** Ctrl/Cmd+Z, Ctrl/Cmd+Shift+Z, Ctrl/Cmd+Y. */
function isUndoRedoChord(e: KeyboardEvent): boolean {
  const key = e.key.toLowerCase();
  return (e.ctrlKey || e.metaKey) && !e.altKey && (key === 'z' || key === 'y');
}

/** Carries out a canvas shortcut; returns false when the key is not one (so it goes on as usual). */
function handleKey(e: KeyboardEvent, session: CanvasSession, fitView: () => void): boolean {
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  if (mod) {
    if (key === 'z') session.history(e.shiftKey ? 'redo' : 'undo');
    else if (key === 'y') session.history('redo');
    else if (key === 'a') session.select(session.doc.nodeMap().keys());
    else if (key === 'd') duplicateSelection(session);
    else return false;
    return true;
  }
  if (e.altKey) return false;
  // Shift+A / Shift+G are handled here and not as workbench keybindings, so that they can never fire
  // while the person types a capital A or G in the inspector (isTypingTarget keeps us out of there).
  if (e.shiftKey && key === 'a') session.runCommand('addNode');
  else if (e.shiftKey && key === 'g') session.runCommand('generateNode');
  else if (key === 'Delete' || key === 'Backspace') removeSelection(session);
  else if (key === 'Escape') session.select([]);
  else if (key === 'f') fitView();
  else {
    const arrow = ARROWS[key];
    if (!arrow || !session.ui.get().selection.size) return false;
    const step = e.shiftKey ? 10 : 1;
    nudgeSelection(session, arrow[0] * step, arrow[1] * step);
  }
  return true;
}

/**
 * Canvas shortcuts. Listens in the capture phase on window so that React Flow's own handling of the
 * same keys (arrow moves of a focused node) never runs: every gesture becomes exactly one op here.
 * Undo/redo are VS Code's: they are sent to the host as `history`.
 */
export function useCanvasKeyboard(fitView: () => void): void {
  const session = useSession();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTypingTarget(e)) {
        // Undo and redo in a text field belong to the field. VS Code's webview host forwards them to
        // the workbench and blocks the browser's own undo, and there `undo` would take back a canvas
        // step. Stopping the event here, before the host's listener, leaves the browser's undo to run.
        if (isUndoRedoChord(e)) e.stopPropagation();
        return;
      }
      // Compare mode keeps the shortcuts: undo after a restore, fit view, selection; edits are refused by dispatch.
      const { mode } = session.ui.get();
      if (e.defaultPrevented || (mode !== 'canvas' && mode !== 'compare')) return;
      if (handleKey(e, session, fitView)) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [session, fitView]);
}
