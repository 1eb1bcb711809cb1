import * as vscode from 'vscode';
import { CanvasSession } from './canvasSession';
import { diskEncodingIssue } from './diskEncoding';
import { loadPage } from './pageReload';
import { signallingOrigins } from '../core';
import { signallingUrls } from './collab/collabSettings';
import { rendersRootOf } from './render/canvasProject';
import type { SessionRegistry } from './sessionRegistry';
import { canvasHtml, webviewOptions } from './webviewHtml';

export const CANVAS_VIEW_TYPE = 'bmad.canvas';

/**
 * Opens `*.bmad` files as canvases. Backed by the TextDocument, so save, revert, hot exit, dirty
 * state, undo/redo and diffs are VS Code's own. All per-document work lives in CanvasSession.
 */
export class CanvasEditorProvider implements vscode.CustomTextEditorProvider {
  static register(context: vscode.ExtensionContext, sessions: SessionRegistry, log: vscode.LogOutputChannel): vscode.Disposable {
    const provider = new CanvasEditorProvider(context.extensionUri, sessions, log);
    return vscode.window.registerCustomEditorProvider(CANVAS_VIEW_TYPE, provider, {
      // Retained: a collaboration session lives in the webview (WebRTC exists only there), so a hidden
      // tab must keep its page or the person drops out of the session, loses their own undo history
      // and stops writing what others do into their file. The option is per view type, not per
      // panel, so every canvas keeps its page while hidden; the cost is the memory of hidden canvases.
      // Running the provider in the extension host instead would need a WebRTC stack for Node (a
      // native addon) and a second copy of the Y.Doc there.
      webviewOptions: { retainContextWhenHidden: true },
      supportsMultipleEditorsPerDocument: false,
    });
  }

  private constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly sessions: SessionRegistry,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  async resolveCustomTextEditor(document: vscode.TextDocument, panel: vscode.WebviewPanel): Promise<void> {
    panel.webview.options = webviewOptions(this.extensionUri, rendersRootOf(document.uri));
    let closedEarly = false;
    const early = panel.onDidDispose(() => (closedEarly = true));
    const encoding = await diskEncodingIssue(document.uri);
    early.dispose();
    if (closedEarly) return;
    // Listen before the page loads, or its first `ready` could be missed.
    const session = new CanvasSession(document, panel, this.log, encoding);
    const tracked = this.sessions.add(session);
    session.connectOrigins = signallingOrigins(signallingUrls());
    const page = loadPage(session, () => (panel.webview.html = canvasHtml(panel.webview, this.extensionUri, session.connectOrigins)), this.log);
    const closed = panel.onDidDispose(() => {
      closed.dispose();
      page.dispose();
      tracked.dispose();
    });
    this.log.info(`opened ${vscode.workspace.asRelativePath(document.uri, false)} as a canvas (${session.state})`);
  }
}
