import * as vscode from 'vscode';
import type { CanvasSession } from './canvasSession';
import type { SessionRegistry } from './sessionRegistry';

/** True while the active canvas's text does not parse: the manifest hides Render Canvas and Generate Node. */
export const HAS_ERRORS_KEY = 'bmad.canvasHasErrors';

/**
 * Keeps the `bmad.canvasHasErrors` context key in step with the active canvas. A canvas's parse
 * state changes only when its text changes from elsewhere, and the session then posts `document` or
 * `invalid` to its webview; becoming active is the other moment it can change.
 */
export function registerCanvasContext(sessions: SessionRegistry): vscode.Disposable[] {
  let shown: boolean | undefined;
  const update = () => {
    const hasErrors = sessions.active?.state === 'invalid';
    if (hasErrors === shown) return;
    shown = hasErrors;
    void vscode.commands.executeCommand('setContext', HAS_ERRORS_KEY, hasErrors);
  };
  // The session's own emitter is disposed with it, which ends this subscription too.
  const watch = (s: CanvasSession) =>
    s.onDidPost((m) => (m.type === 'document' || m.type === 'invalid') && s === sessions.active && update());
  update();
  return [sessions.onDidOpen(watch), sessions.onDidChange(update)];
}
