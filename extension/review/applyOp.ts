import * as vscode from 'vscode';
import { applyOp, Op, parseDocument, serializeDocument } from '../../core';
import { FILE_HAS_ERRORS } from '../canvasSession';
import { DocumentWriter } from '../documentWriter';
import type { SessionRegistry } from '../sessionRegistry';

type Outcome = { ok: true } | { ok: false; message: string };

/**
 * Applies an op to a canvas document: through its canvas session when the canvas is open in the
 * canvas editor (so the webview is told), else as the smallest edit of the text document.
 */
export async function applyOpToCanvas(sessions: SessionRegistry, uri: vscode.Uri, raw: unknown): Promise<Outcome> {
  const op = Op.safeParse(raw);
  if (!op.success) return { ok: false, message: `not an op: ${op.error.issues[0]?.message}` };
  const session = sessions.get(uri);
  if (session) return session.applyHostOp(op.data);
  const document = await vscode.workspace.openTextDocument(uri);
  const parsed = parseDocument(document.getText());
  if (!parsed.ok) return { ok: false, message: FILE_HAS_ERRORS };
  const next = applyOp(parsed.doc, op.data);
  if (!next.ok) return next;
  const written = await new DocumentWriter(document).write(serializeDocument(next.doc));
  return written ? { ok: true } : { ok: false, message: 'the document changed while the fix was applied; try again' };
}
