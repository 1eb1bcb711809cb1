import { useEffect } from 'react';
import { CLIPBOARD_MIME, copyPayload, pasteOp } from '../canvas/clipboardPayload';
import { isTypingTarget } from '../canvas/isTypingTarget';
import { insertAndSelect, removeSelection } from '../canvas/selectionOps';
import { useSession } from './useSession';

const STEP = 32;

/**
 * Copy, cut and paste of nodes through the DOM clipboard events: in VS Code, Ctrl+C/V in a webview are
 * routed by the workbench back into the page as these events, and a browser fires them natively.
 * Each paste of the same content lands one step further, so repeated pastes do not stack exactly.
 */
export function useClipboard(): void {
  const session = useSession();
  useEffect(() => {
    let lastText = '';
    let pasteCount = 0;
    const onCopy = (e: ClipboardEvent, cut: boolean) => {
      if (isTypingTarget(e) || session.ui.get().mode !== 'canvas') return;
      const text = copyPayload(session.doc, session.ui.get().selection);
      if (!text || !e.clipboardData) return;
      e.clipboardData.setData(CLIPBOARD_MIME, text);
      e.clipboardData.setData('text/plain', text);
      e.preventDefault();
      lastText = text;
      pasteCount = 0;
      if (cut) removeSelection(session);
    };
    const onPaste = (e: ClipboardEvent) => {
      if (isTypingTarget(e) || session.ui.get().mode !== 'canvas' || !e.clipboardData) return;
      const text = e.clipboardData.getData(CLIPBOARD_MIME) || e.clipboardData.getData('text/plain');
      pasteCount = text === lastText ? pasteCount + 1 : 1;
      lastText = text;
      const op = pasteOp(text, { x: STEP * pasteCount, y: STEP * pasteCount });
      if (!op) return;
      e.preventDefault();
      insertAndSelect(session, op);
    };
    const copy = (e: ClipboardEvent) => onCopy(e, false);
    const cut = (e: ClipboardEvent) => onCopy(e, true);
    document.addEventListener('copy', copy);
    document.addEventListener('cut', cut);
    document.addEventListener('paste', onPaste);
    return () => {
      document.removeEventListener('copy', copy);
      document.removeEventListener('cut', cut);
      document.removeEventListener('paste', onPaste);
    };
  }, [session]);
}
