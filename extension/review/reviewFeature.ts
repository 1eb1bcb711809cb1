import type * as vscode from 'vscode';
import type { SessionRegistry } from '../sessionRegistry';
import { registerReviewDiagnostics } from './reviewDiagnostics';
import { registerReviewFixes } from './reviewFixes';

/** The review agent: continuity problems of open canvases in the Problems view, with quick fixes. */
export function registerReview(sessions: SessionRegistry, log: vscode.LogOutputChannel): vscode.Disposable[] {
  return [...registerReviewDiagnostics(log), ...registerReviewFixes(sessions, log)];
}
