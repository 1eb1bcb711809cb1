import * as vscode from 'vscode';
import type { SessionRegistry } from '../sessionRegistry';
import { applyOpToCanvas } from './applyOp';
import { findingRange, reviewDocument } from './canvasReviews';
import { REVIEW_SOURCE } from './reviewDiagnostics';

const FIX_COMMAND = 'bmad.review.applyFix';

/**
 * Quick fixes for the review's findings. The findings are worked out again from the text as it is
 * now (the diagnostics VS Code passes back are copies, and the text may have moved on); each fix is
 * an op, applied by a command through the canvas's op path.
 */
export function registerReviewFixes(sessions: SessionRegistry, log: vscode.LogOutputChannel): vscode.Disposable[] {
  const provider: vscode.CodeActionProvider = {
    provideCodeActions(document, range, context) {
      const ours = context.diagnostics.filter((d) => d.source === REVIEW_SOURCE);
      if (ours.length === 0) return [];
      return reviewDocument(document).findings.flatMap((f) => {
        const at = findingRange(document, f);
        if (!at.intersection(range)) return [];
        const diagnostics = ours.filter((d) => d.range.isEqual(at) && d.code === f.rule);
        return f.fixes.map((fix) => {
          const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
          action.diagnostics = diagnostics;
          action.isPreferred = f.fixes.length === 1;
          action.command = { command: FIX_COMMAND, title: fix.title, arguments: [document.uri, fix.op] };
          return action;
        });
      });
    },
  };
  return [
    vscode.languages.registerCodeActionsProvider({ scheme: 'file', pattern: '**/*.bmad' }, provider, {
      providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
    }),
    vscode.commands.registerCommand(FIX_COMMAND, async (uri: unknown, op: unknown): Promise<boolean> => {
      if (!(uri instanceof vscode.Uri)) return false;
      const r = await applyOpToCanvas(sessions, uri, op);
      if (!r.ok) {
        log.warn(`review fix on ${vscode.workspace.asRelativePath(uri, false)} not applied: ${r.message}`);
        void vscode.window.showErrorMessage(`BMAD: the fix was not applied: ${r.message}`);
      }
      return r.ok;
    }),
  ];
}
