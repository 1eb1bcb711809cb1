import * as vscode from 'vscode';
import { findingRange, isCanvas, reviewDocument } from './canvasReviews';

/** Lets a burst of edits be reviewed once. */
const REVIEW_DEBOUNCE_MS = 250;
export const REVIEW_SOURCE = 'BMAD review';

/**
 * The review agent in the Problems view: each open canvas is reviewed when it opens and after it or a
 * script changes; its findings are warnings at the place in the .bmad they are about.
 */
export function registerReviewDiagnostics(log: vscode.LogOutputChannel): vscode.Disposable[] {
  const collection = vscode.languages.createDiagnosticCollection('bmad-review');
  const timers = new Map<string, NodeJS.Timeout>();
  const review = (d: vscode.TextDocument) => {
    const { findings, skipped } = reviewDocument(d);
    collection.set(d.uri, findings.map((f) => {
      const diagnostic = new vscode.Diagnostic(findingRange(d, f), f.message, vscode.DiagnosticSeverity.Warning);
      diagnostic.source = REVIEW_SOURCE;
      diagnostic.code = f.rule;
      return diagnostic;
    }));
    if (skipped) log.info(`review of ${vscode.workspace.asRelativePath(d.uri, false)}: ${skipped}`);
  };
  const later = (d: vscode.TextDocument) => {
    const key = d.uri.toString();
    clearTimeout(timers.get(key));
    timers.set(key, setTimeout(() => {
      timers.delete(key);
      if (!d.isClosed) review(d);
    }, REVIEW_DEBOUNCE_MS));
  };
  const changed = (d: vscode.TextDocument) => {
    if (isCanvas(d)) later(d);
    // A script says who is in each scene: every open canvas may read it.
    else if (d.uri.path.toLowerCase().endsWith('.fountain')) vscode.workspace.textDocuments.filter(isCanvas).forEach(later);
  };
  for (const d of vscode.workspace.textDocuments) if (isCanvas(d)) review(d);
  return [
    collection,
    vscode.workspace.onDidOpenTextDocument((d) => isCanvas(d) && review(d)),
    vscode.workspace.onDidChangeTextDocument((e) => e.contentChanges.length > 0 && changed(e.document)),
    vscode.workspace.onDidSaveTextDocument(changed),
    vscode.workspace.onDidCloseTextDocument((d) => isCanvas(d) && collection.delete(d.uri)),
    new vscode.Disposable(() => timers.forEach((t) => clearTimeout(t))),
  ];
}
