import path from 'node:path';
import * as vscode from 'vscode';
import { canvasRel, findProjectRoot, openProject, type Project } from '../../runner/project';

/** A canvas inside a film project: the project, and the canvas's key in render.lock. */
export interface CanvasProject {
  readonly project: Project;
  readonly canvas: string;
}

/** The folder holding project.json above a canvas on disk, if any. */
export function projectRootOf(uri: vscode.Uri): string | undefined {
  return uri.scheme === 'file' ? findProjectRoot(path.dirname(uri.fsPath)) : undefined;
}

/** Throws ProjectProblem when project.json cannot be read. */
export function openCanvasProject(uri: vscode.Uri): CanvasProject {
  const project = openProject(path.dirname(uri.fsPath));
  return { project, canvas: canvasRel(project, uri.fsPath) };
}

/** Where a canvas's webview may load renders from: its project's 03_Renders, nothing else. */
export function rendersRootOf(uri: vscode.Uri): vscode.Uri | undefined {
  const root = projectRootOf(uri);
  return root ? vscode.Uri.file(path.join(root, '03_Renders')) : undefined;
}
