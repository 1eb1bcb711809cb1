import * as vscode from 'vscode';
import { SingleOp } from '../../core';
import type { Proposal } from '../../core/breakdown';
import { sha256Text } from '../../runner/hash';
import { CANVAS_VIEW_TYPE } from '../canvasEditor';
import type { CanvasSession } from '../canvasSession';
import type { SessionRegistry } from '../sessionRegistry';

type Outcome = { ok: true } | { ok: false; message: string };

/** The canvas's session, opening the canvas in its editor first when it is not open. */
export async function canvasSession(sessions: SessionRegistry, uri: vscode.Uri): Promise<CanvasSession> {
  const open = sessions.get(uri);
  if (open) return open;
  const opened = new Promise<CanvasSession>((resolve) => {
    const sub = sessions.onDidOpen((s) => {
      if (s.uri.toString() !== uri.toString()) return;
      sub.dispose();
      resolve(s);
    });
  });
  await vscode.commands.executeCommand('vscode.openWith', uri, CANVAS_VIEW_TYPE);
  return sessions.get(uri) ?? opened;
}

/**
 * Applies every op of a proposal to its canvas as one batch: one edit of the document, so one undo
 * takes all of it back. Refused, with nothing applied, when the canvas is not the one the proposal
 * was made against (it changed since) or the ops do not apply.
 */
export async function applyProposal(sessions: SessionRegistry, canvas: vscode.Uri, proposal: Pick<Proposal, 'ops' | 'canvasSha256'>): Promise<Outcome> {
  const ops = SingleOp.array().safeParse(proposal.ops);
  if (!ops.success) return { ok: false, message: `the proposal holds an op a batch cannot: ${ops.error.issues[0]?.message}` };
  const session = await canvasSession(sessions, canvas);
  if (sha256Text(session.document.getText()) !== proposal.canvasSha256) {
    return { ok: false, message: 'the canvas has changed since the proposal was made; ask for it again' };
  }
  return session.applyHostOp({ type: 'batch', ops: ops.data });
}
