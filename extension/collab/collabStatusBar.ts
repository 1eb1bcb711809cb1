import * as vscode from 'vscode';
import type { SessionRegistry } from '../sessionRegistry';

/** The status bar item of the active canvas's collaboration session: its room and how many peers. */
export class CollabStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('bmad.collab', vscode.StatusBarAlignment.Left, 50);
  private readonly sub: vscode.Disposable;

  constructor(private readonly sessions: SessionRegistry) {
    this.item.name = 'BMAD Collaboration';
    this.item.command = 'bmad.collab.copyLink';
    this.sub = sessions.onDidChange(() => this.update());
  }

  update(): void {
    const c = this.sessions.active?.collab;
    if (!c || c.state === 'off') return this.item.hide();
    const peers = `${c.peers} peer${c.peers === 1 ? '' : 's'}`;
    const room = (c.room ?? '').slice(0, 6);
    this.item.text = c.state === 'connected' ? `$(broadcast) ${room} · ${peers}` : `$(sync~spin) ${room} · connecting`;
    this.item.tooltip = [
      `Collaboration session ${c.room ?? ''}: ${c.state}, ${peers} connected.`,
      c.names?.length ? `With: ${c.names.join(', ')}` : '',
      c.problem ? `Problem: ${c.problem}` : '',
      'Click to copy the session link.',
    ].filter(Boolean).join('\n');
    this.item.show();
  }

  dispose(): void {
    this.sub.dispose();
    this.item.dispose();
  }
}
