import * as vscode from 'vscode';
import type { CanvasSession } from './canvasSession';

/** Loads of one page start in a row before giving up (a second load has always worked when seen). */
const MAX_LOADS = 3;

/**
 * Loads the canvas page, and loads it again when the page reports that its bundle or stylesheet did
 * not load (`pageLoadFailed`, from its inline watch script: pageLoadWatch.ts). Driven by that event
 * only, never by a timer: a slow page that is still loading is left alone. The count starts again
 * whenever a page says `ready`, since VS Code may reload a working page later (moving its tab).
 */
export function loadPage(session: CanvasSession, load: () => void, log: vscode.LogOutputChannel): vscode.Disposable {
  let loads = 1;
  const watching = session.onDidReceive((m) => {
    if (m.type === 'ready') loads = 1;
    if (m.type !== 'pageLoadFailed') return;
    const file = vscode.workspace.asRelativePath(session.uri, false);
    if (loads >= MAX_LOADS) {
      log.error(`${file}: the canvas page could not load ${m.url} (${loads} loads); close and reopen the canvas`);
      return;
    }
    loads++;
    log.warn(`${file}: the canvas page could not load ${m.url}; loading the page again (load ${loads} of ${MAX_LOADS})`);
    load();
  });
  load();
  return watching;
}
