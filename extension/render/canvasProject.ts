import path from 'node:path';
import * as vscode from 'vscode';
import { canvasOf, findProjectRoot, openProject, type Project } from '../../runner/project';
import { RENDERS_DIR } from '../../runner/projectLayout';
import { insideProject, PathRefused } from '../../runner/projectPaths';

/** A canvas inside a film project: the project, and the canvas's key in render.lock. */
export interface CanvasProject {
  readonly project: Project;
  readonly canvas: string;
}

/** The folder holding project.json above a canvas on disk, if any. */
export function projectRootOf(uri: vscode.Uri): string | undefined {
  return uri.scheme === 'file' ? findProjectRoot(path.dirname(uri.fsPath)) : undefined;
}

/**
 * Throws ProjectProblem when project.json cannot be read, and PathRefused when the canvas's path is one
 * the runner refuses (a link out of the project, a name like `...bmad`): the same checks as `bmad render`.
 */
export function openCanvasProject(uri: vscode.Uri): CanvasProject {
  const project = openProject(path.dirname(uri.fsPath));
  return { project, canvas: canvasOf(project, uri.fsPath) };
}

/** Where a canvas's webview may load renders from: its project's 03_Renders, nothing else (nothing if it links out). */
export function rendersRootOf(uri: vscode.Uri): vscode.Uri | undefined {
  const root = projectRootOf(uri);
  if (!root) return undefined;
  try {
    return vscode.Uri.file(insideProject(root, RENDERS_DIR, root));
  } catch (e) {
    if (e instanceof PathRefused) return undefined;
    throw e;
  }
}
