import path from 'node:path';
import * as vscode from 'vscode';
import { formatIssue, paramOf, parseDocument, type BmadDocument, type BmadNode } from '../../core';
import { projectRootOf } from '../render/canvasProject';

/** Canvases are looked for everywhere but in the engine's cache and dependencies. */
const CANVAS_EXCLUDE = '{**/node_modules/**,**/.bmad-cache/**}';

export interface CanvasText {
  readonly uri: vscode.Uri;
  readonly text: string;
  readonly doc: BmadDocument;
}

/**
 * A canvas as VS Code holds it: the open TextDocument's text when it is open (its unsaved edits are
 * what the person sees), else the file. A text that does not read gives its first located problem.
 */
export async function readCanvas(uri: vscode.Uri): Promise<CanvasText | { uri: vscode.Uri; problem: string }> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  const text = open ? open.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  const r = parseDocument(text);
  if (!r.ok) return { uri, problem: formatIssue(vscode.workspace.asRelativePath(uri, false), r.issues[0]!) };
  return { uri, text, doc: r.doc };
}

/** The absolute path of the script a script node reads: its `file` is relative to the canvas's project. */
export function scriptPathOf(canvas: vscode.Uri, node: BmadNode): string {
  const root = projectRootOf(canvas) ?? path.dirname(canvas.fsPath);
  return path.resolve(root, String(paramOf(node, 'file')));
}

/** Every readable canvas in the workspace with a script node that reads `script` (an absolute path). */
export async function canvasesReading(script: string): Promise<{ reading: CanvasText[]; all: vscode.Uri[] }> {
  const all = await vscode.workspace.findFiles('**/*.bmad', CANVAS_EXCLUDE);
  const reading: CanvasText[] = [];
  for (const uri of all) {
    const c = await readCanvas(uri);
    if (!('doc' in c)) continue;
    if (c.doc.nodes.some((n) => n.kind === 'script' && scriptPathOf(uri, n) === script)) reading.push(c);
  }
  return { reading, all };
}
