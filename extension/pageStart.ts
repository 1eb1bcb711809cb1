import * as vscode from 'vscode';
import type { CanvasSession } from './canvasSession';

/** How long a canvas page may take to say `ready` (its bundle loads and runs in well under a second). */
const START_TIMEOUT_MS = 5000;
const ATTEMPTS = 3;

/**
 * Loads the canvas page again while it never says `ready`. VS Code serves a webview's files through
 * a service worker shared by every webview of a view type; when two canvases load at the same moment
 * (the two sides of VS Code's diff of a .bmad) one page can start outside the worker's control: its
 * webview.js request then goes to the network and fails (status 0), so the page stays blank and
 * reports nothing. Seen in about half the runs of test/e2e/ui/gitDiff.test.ts; a second load works.
 */
export function reloadUntilReady(session: CanvasSession, load: () => void, log: vscode.LogOutputChannel): vscode.Disposable {
  let attempt = 1;
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    timer = setTimeout(() => {
      if (attempt >= ATTEMPTS) {
        log.error(`${vscode.workspace.asRelativePath(session.uri, false)}: the canvas page did not start after ${ATTEMPTS} loads`);
        return;
      }
      attempt++;
      log.warn(`${vscode.workspace.asRelativePath(session.uri, false)}: the canvas page did not start (its script did not load); loading it again`);
      load();
      arm();
    }, START_TIMEOUT_MS);
  };
  const started = session.onDidReceive((m) => {
    if (m.type !== 'ready') return;
    clearTimeout(timer);
    started.dispose();
  });
  load();
  arm();
  return new vscode.Disposable(() => {
    clearTimeout(timer);
    started.dispose();
  });
}
