import fs from 'node:fs';
import * as vscode from 'vscode';
import { parseDocument } from '../../core';
import type { LocatedFinding } from '../../core/review';
import { reviewCanvasText } from '../../runner/review/canvasReview';

export const isCanvas = (d: vscode.TextDocument) => d.uri.scheme === 'file' && d.uri.path.endsWith('.bmad');

/** A script as the person has it: the open document (unsaved edits too), else the file. */
function readScript(file: string): string {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === file);
  return open ? open.getText() : fs.readFileSync(file, 'utf8');
}

/** The review of a canvas document as its text reads now; nothing for a text that does not parse. */
export function reviewDocument(d: vscode.TextDocument): { findings: LocatedFinding[]; skipped?: string } {
  const text = d.getText();
  const parsed = parseDocument(text);
  if (!parsed.ok) return { findings: [] };
  return reviewCanvasText(text, parsed.doc, d.uri.fsPath, readScript);
}

/** Where a finding shows in the editor: from its position to the end of that line. */
export function findingRange(d: vscode.TextDocument, f: LocatedFinding): vscode.Range {
  const line = Math.min(f.line - 1, d.lineCount - 1);
  return new vscode.Range(line, f.column - 1, line, d.lineAt(line).range.end.character);
}
