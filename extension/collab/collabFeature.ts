import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { collabLink, parseCollabLink, signallingOrigins, type CollabInvite } from '../../core';
import type { CanvasSession } from '../canvasSession';
import type { SessionRegistry } from '../sessionRegistry';
import { canvasHtml } from '../webviewHtml';
import { SIGNALLING_SETTING, signallingSettings } from './collabSettings';
import { CollabSnapshots } from './collabSnapshots';
import { CollabStatusBar } from './collabStatusBar';
import { collabUser } from './userName';

/** Context key: the active canvas is in a collaboration session (the palette shows Leave). */
const COLLABORATING_KEY = 'bmad.collaborating';

/**
 * Start, Join and Leave Collaboration Session, on the active canvas. The session itself runs in the
 * canvas's webview (webview/collab/canvasCollab.ts); this side makes the invitation, checks the
 * signalling setting, lets the page's CSP reach exactly those servers, and shows the session.
 */
export function registerCollaboration(
  extensionUri: vscode.Uri, sessions: SessionRegistry, log: vscode.LogOutputChannel, state: vscode.Memento,
): vscode.Disposable[] {
  const bar = new CollabStatusBar(sessions);
  const snapshots = new CollabSnapshots(state);
  const invites = new WeakMap<CanvasSession, CollabInvite>();
  const updateContext = () =>
    void vscode.commands.executeCommand('setContext', COLLABORATING_KEY, (sessions.active?.collab.state ?? 'off') !== 'off');

  const join = async (session: CanvasSession, invite: CollabInvite): Promise<boolean> => {
    const { urls, problem } = signallingSettings();
    if (urls.length === 0) {
      const open = 'Open Settings';
      const why = problem ?? `No signalling server is set in ${SIGNALLING_SETTING}.`;
      const pick = await vscode.window.showErrorMessage(
        `${why} Run \`bmad signal\` (it listens on ws://127.0.0.1:4444) and add its URL, or the URL of your team's server.`,
        open,
      );
      if (pick === open) await vscode.commands.executeCommand('workbench.action.openSettings', SIGNALLING_SETTING);
      return false;
    }
    await allowConnections(session, signallingOrigins(urls));
    invites.set(session, invite);
    const resume = snapshots.get(invite.room, session.uri);
    session.post({ type: 'collabJoin', invite, signallingUrls: urls, user: await collabUser(session.uri), ...(resume !== undefined && { resume }) });
    log.info(`${vscode.workspace.asRelativePath(session.uri, false)}: joining collaboration room ${invite.room} via ${urls.join(', ')}`);
    return true;
  };

  /** Sets the page's HTML again when its CSP does not allow these origins; resolves once it is back. */
  const allowConnections = async (session: CanvasSession, origins: string[]): Promise<void> => {
    if (origins.join(' ') === session.connectOrigins.join(' ')) return;
    const reloaded = new Promise<void>((resolve) => {
      const sub = session.onDidPost((m) => (m.type === 'document' || m.type === 'invalid') && (sub.dispose(), resolve()));
    });
    session.connectOrigins = origins;
    session.panel.webview.html = canvasHtml(session.panel.webview, extensionUri, origins);
    await reloaded;
  };

  const activeCanvas = (): CanvasSession | undefined => {
    const s = sessions.active;
    if (!s) void vscode.window.showErrorMessage('Open a canvas (.bmad) first: a collaboration session shares the canvas in front of you.');
    return s;
  };

  return [
    bar,
    sessions.onDidChange(updateContext),
    sessions.onDidOpen((s) => s.onDidChangeCollab(() => (updateContext(), bar.update()))),
    sessions.onDidOpen((s) => s.onDidSnapshotCollab((x) => void snapshots.save(x.room, s.uri, x.update))),
    vscode.commands.registerCommand('bmad.collab.start', async () => {
      const s = activeCanvas();
      if (!s) return;
      const invite = { room: token(12), password: token(18) };
      if (!(await join(s, invite))) return;
      const link = collabLink(invite);
      await vscode.env.clipboard.writeText(link);
      void vscode.window.showInformationMessage(
        `Collaboration session started. Send this link to the people you work with (it is on your clipboard): ${link}`,
      );
    }),
    vscode.commands.registerCommand('bmad.collab.join', async () => {
      const s = activeCanvas();
      if (!s) return;
      const text = await vscode.window.showInputBox({
        title: 'Join Collaboration Session',
        prompt: 'Paste the session link you were sent (bmad-collab:…)',
        placeHolder: 'bmad-collab:<room>#<password>',
        ignoreFocusOut: true,
        validateInput: (t) => (t.trim() === '' ? undefined : parseOrMessage(t)),
      });
      if (!text) return;
      const r = parseCollabLink(text);
      if (r.ok) await join(s, r.invite);
    }),
    vscode.commands.registerCommand('bmad.collab.leave', () => {
      const s = sessions.active;
      if (!s || s.collab.state === 'off') return;
      invites.delete(s);
      s.post({ type: 'collabLeave' });
    }),
    vscode.commands.registerCommand('bmad.collab.copyLink', async () => {
      const s = sessions.active;
      const invite = s && invites.get(s);
      if (!invite) return;
      await vscode.env.clipboard.writeText(collabLink(invite));
      void vscode.window.showInformationMessage(`Copied the session link: ${collabLink(invite)}`);
    }),
  ];
}

const parseOrMessage = (t: string): string | undefined => {
  const r = parseCollabLink(t);
  return r.ok ? undefined : r.message;
};

/** A random base64url token of `bytes` bytes, from the CSPRNG. */
const token = (bytes: number): string => randomBytes(bytes).toString('base64url');
