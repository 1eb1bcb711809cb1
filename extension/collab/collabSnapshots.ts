import type * as vscode from 'vscode';

/**
 * The last Y.Doc state of each collaboration room, per canvas file, in the workspace's state: it
 * outlives the canvas's webview and the window. Joining that room again on that file starts from it
 * (webview CanvasDoc.adopt), so what this peer did offline merges field by field instead of the page's
 * fresh Y.Doc competing with the session's node by node.
 */
export class CollabSnapshots {
  constructor(private readonly state: vscode.Memento) {}

  get(room: string, file: vscode.Uri): string | undefined {
    const v = this.state.get<unknown>(key(room, file));
    return typeof v === 'string' ? v : undefined;
  }

  save(room: string, file: vscode.Uri, update: string): Thenable<void> {
    return this.state.update(key(room, file), update);
  }
}

const key = (room: string, file: vscode.Uri) => `bmad.collab.snapshot:${room}:${file.toString()}`;
