import type * as vscode from 'vscode';
import type { Op, ToWebview } from '../core';

/**
 * What `activate()` returns. The in-host E2E tests use it to reach an open canvas's session and send
 * it webview messages through the very path the real webview uses (`receive` is what
 * `onDidReceiveMessage` calls): parsing, op application, minimal edits, echo suppression. It gives
 * no way around that path; it only replaces the DOM, which the UI tests drive in a real browser.
 */
export interface CanvasSessionApi {
  readonly uri: vscode.Uri;
  /** The result of reading the document's current text: a canvas, a merge to decide, or neither. */
  readonly state: 'ok' | 'invalid' | 'merge';
  /** Node ids selected on the canvas, as last reported by the webview. */
  readonly selection: readonly string[];
  /** Every message the session posts to its webview. */
  readonly onDidPost: vscode.Event<ToWebview>;
  /**
   * Each change of the document's text, once the session has read it: its own edit coming back
   * (`echo`, never sent to the webview) or anyone else's (sent after a short debounce). Tests wait
   * on it instead of sleeping to see that nothing is sent back.
   */
  readonly onDidReadChange: vscode.Event<TextChangeRead>;
  /** Handles one raw message as if the webview had sent it; resolves when it has been handled. */
  receive(raw: unknown): Promise<void>;
  /** Applies an op from the host side (commands); the webview is then sent the new document. */
  applyHostOp(op: Op): Promise<{ ok: true } | { ok: false; message: string }>;
}

export interface TextChangeRead {
  /** The document's version after the change. */
  readonly version: number;
  readonly echo: boolean;
}

export interface SessionsApi {
  get(uri: vscode.Uri): CanvasSessionApi | undefined;
  readonly active: CanvasSessionApi | undefined;
  /** Fires when a session opens, closes or becomes active. */
  readonly onDidChange: vscode.Event<void>;
}

export interface BmadApi {
  readonly sessions: SessionsApi;
  /** Folder of the "BMAD" log (the LogOutputChannel writes BMAD.log there); tests check what was logged. */
  readonly logUri: vscode.Uri;
}
