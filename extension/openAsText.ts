import * as vscode from 'vscode';

/** 1-based, as problems are printed (`file:line:col: message`). */
export interface TextPlace {
  readonly line: number;
  readonly column: number;
}

/**
 * Opens the file in VS Code's text editor beside the canvas, with the cursor at `at` (a problem's
 * line and column) and that place scrolled into view. showTextDocument always opens a text editor,
 * even for a file a custom editor is the default for.
 */
export async function openAsText(uri: vscode.Uri, at?: TextPlace): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(uri);
  const place = at && document.validatePosition(new vscode.Position(at.line - 1, at.column - 1));
  const selection = place && new vscode.Range(place, place);
  const options: vscode.TextDocumentShowOptions = { viewColumn: vscode.ViewColumn.Beside, ...(selection && { selection }) };
  const editor = await vscode.window.showTextDocument(document, options);
  if (selection) {
    editor.selection = new vscode.Selection(selection.start, selection.end);
    editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
  return editor;
}
