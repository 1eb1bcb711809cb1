import type * as vscode from 'vscode';
import type { SessionRegistry } from '../sessionRegistry';
import { registerBreakDownScript } from './breakDownScript';
import { registerFountainOutline } from './fountainOutline';
import { registerOpenScript } from './openScript';
import { registerReviewProposal } from './reviewProposal';

/** The script in the editor: its outline, Break Down Script, the script node's Open Script, and proposals reviewed on their canvas. */
export function registerScript(sessions: SessionRegistry, log: vscode.LogOutputChannel): vscode.Disposable[] {
  return [registerFountainOutline(), registerBreakDownScript(sessions, log), registerOpenScript(sessions, log), registerReviewProposal(sessions, log)];
}
