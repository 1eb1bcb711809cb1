import * as vscode from 'vscode';
import { validateDocument, type BmadDocument, type ToHost } from '../../core';

/** The collaboration session of a canvas as its webview last reported it. */
export type CollabState = Omit<Extract<ToHost, { type: 'collabStatus' }>, 'type'>;
export const NO_COLLAB: CollabState = { state: 'off', peers: 0 };

/**
 * A canvas's collaboration state, firing only when it really changes (the status bar follows it), and
 * the session state its webview sends to keep.
 */
export class CollabStatus implements vscode.Disposable {
  private value: CollabState = NO_COLLAB;
  private readonly changed = new vscode.EventEmitter<CollabState>();
  readonly onDidChange = this.changed.event;
  private readonly snapshots = new vscode.EventEmitter<{ room: string; update: string }>();
  /** The webview's session state, to keep (collabSnapshots.ts). */
  readonly onDidSnapshot = this.snapshots.event;

  get current(): CollabState {
    return this.value;
  }

  set(state: CollabState): void {
    if (JSON.stringify(state) === JSON.stringify(this.value)) return;
    this.value = state;
    this.changed.fire(state);
  }

  snapshot(room: string, update: string): void {
    this.snapshots.fire({ room, update });
  }

  dispose(): void {
    this.changed.dispose();
    this.snapshots.dispose();
  }
}

/**
 * The shared canvas of a session as this peer's file will hold it, written over whatever the text
 * holds: checked as a file would be (edges between existing nodes, no cycle).
 */
export function sharedCanvas(doc: unknown): { ok: true; doc: BmadDocument } | { ok: false; message: string } {
  const valid = validateDocument(doc);
  return valid.ok ? valid : { ok: false, message: valid.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
}
