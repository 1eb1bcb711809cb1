import * as vscode from 'vscode';
import type { BmadNode } from '../../core';
import { UserError } from '../../runner/errors';
import type { SessionRegistry } from '../sessionRegistry';
import { canvasesReading, readCanvas, scriptPathOf, type CanvasText } from './scriptCanvases';

/** A script (absolute path) and the canvas its breakdown goes to. */
export interface BreakdownTarget {
  readonly script: string;
  readonly canvas: CanvasText;
}

const isFountain = (uri: vscode.Uri) => uri.path.toLowerCase().endsWith('.fountain');

/**
 * What Break Down Script acts on. A .fountain file (explorer, editor, or the active text editor) goes
 * to the canvas whose script node reads it, or to one the person picks; a canvas (its editor title,
 * or the active canvas) breaks down the script of its selected script node, or of its only one.
 */
export async function pickTarget(sessions: SessionRegistry, arg: unknown): Promise<BreakdownTarget | undefined> {
  const uri = arg instanceof vscode.Uri ? arg : undefined;
  if (uri && isFountain(uri)) return forScript(uri.fsPath);
  if (uri) return canvasScript(uri, sessions.get(uri)?.selection ?? []);
  const editor = vscode.window.activeTextEditor?.document.uri;
  if (sessions.active) return canvasScript(sessions.active.uri, sessions.active.selection);
  if (editor && isFountain(editor)) return forScript(editor.fsPath);
  throw new UserError('open a .fountain script or a canvas with a script node first');
}

/** The selected script node, else the canvas's only one. */
function scriptNodeOf(nodes: readonly BmadNode[], selection: readonly string[]): BmadNode | undefined {
  const scripts = nodes.filter((n) => n.kind === 'script');
  return scripts.find((n) => selection.includes(n.id)) ?? (scripts.length === 1 ? scripts[0] : undefined);
}

/** A canvas and the script its selected (or only) script node reads. */
export async function canvasScript(uri: vscode.Uri, selection: readonly string[]): Promise<BreakdownTarget & { node: BmadNode }> {
  const canvas = await readCanvas(uri);
  if (!('doc' in canvas)) throw new UserError(canvas.problem);
  const node = scriptNodeOf(canvas.doc.nodes, selection);
  if (!node) {
    const many = canvas.doc.nodes.some((n) => n.kind === 'script');
    throw new UserError(many ? 'select the script node to break down' : 'this canvas has no script node: add one and set its file');
  }
  return { script: scriptPathOf(uri, node), canvas, node };
}

async function forScript(script: string): Promise<BreakdownTarget | undefined> {
  const { reading, all } = await canvasesReading(script);
  if (reading.length === 1) return { script, canvas: reading[0]! };
  const choices = reading.length ? reading.map((c) => c.uri) : all;
  if (choices.length === 0) throw new UserError('no canvas in this workspace to break the script down into: make one with BMAD: New Canvas');
  const picked = await vscode.window.showQuickPick(
    choices.map((u) => ({ label: vscode.workspace.asRelativePath(u, false), uri: u })),
    { title: 'Break Down Script', placeHolder: reading.length ? 'Canvases that read this script' : 'No canvas reads this script yet: which one should?' },
  );
  if (!picked) return undefined;
  const canvas = await readCanvas(picked.uri);
  if (!('doc' in canvas)) throw new UserError(canvas.problem);
  return { script, canvas };
}
