import * as vscode from 'vscode';
import type { SessionsApi } from './api';
import type { CanvasSession } from './canvasSession';

/**
 * The open canvases, and which one is active: the palette commands (Add Node, Fit View, Auto
 * Layout) act on the canvas the person last looked at.
 */
export class SessionRegistry implements SessionsApi, vscode.Disposable {
  private readonly sessions = new Set<CanvasSession>();
  private activeSession: CanvasSession | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly opened = new vscode.EventEmitter<CanvasSession>();
  /** A new session, before its webview loads: features attach to it here. */
  readonly onDidOpen = this.opened.event;

  /** Tracks a session until its panel closes; the returned disposable also ends the session. */
  add(session: CanvasSession): vscode.Disposable {
    this.sessions.add(session);
    if (session.panel.active) this.activeSession = session;
    const subs = [
      session.panel.onDidChangeViewState((e) => {
        if (e.webviewPanel.active) this.activeSession = session;
        else if (this.activeSession === session) this.activeSession = undefined;
        this.changed.fire();
      }),
    ];
    this.opened.fire(session);
    this.changed.fire();
    return new vscode.Disposable(() => {
      for (const d of subs) d.dispose();
      this.sessions.delete(session);
      if (this.activeSession === session) this.activeSession = undefined;
      session.dispose();
      this.changed.fire();
    });
  }

  get(uri: vscode.Uri): CanvasSession | undefined {
    const key = uri.toString();
    for (const s of this.sessions) if (s.uri.toString() === key) return s;
    return undefined;
  }

  has(session: CanvasSession): boolean {
    return this.sessions.has(session);
  }

  all(): Iterable<CanvasSession> {
    return this.sessions;
  }

  get active(): CanvasSession | undefined {
    return this.activeSession;
  }

  dispose(): void {
    this.changed.dispose();
    this.opened.dispose();
    for (const s of this.sessions) s.dispose();
    this.sessions.clear();
  }
}
