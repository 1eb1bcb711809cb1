import * as vscode from 'vscode';
import { isNodeKind, KIND_NAMES, makeNode, NODE_KINDS, Op, type NodeKind } from '../../core';
import { autoLayoutOp } from '../autoLayout';
import { FILE_HAS_ERRORS, type CanvasSession } from '../canvasSession';
import { openAsText } from '../openAsText';
import { freeSpot } from '../placement';
import type { SessionRegistry } from '../sessionRegistry';

/** The palette commands that act on the active canvas. Each returns something tests can check. */
export function registerCanvasCommands(sessions: SessionRegistry, log: vscode.LogOutputChannel): vscode.Disposable[] {
  const activeSession = (): CanvasSession | undefined => {
    const s = sessions.active;
    if (!s) void vscode.window.showWarningMessage('Open a BMAD canvas first.');
    return s;
  };

  /** `bmad.addNode` [kind]: the kind is asked for unless given (tests, keybindings with args). */
  const addNode = async (kindArg?: unknown): Promise<string | undefined> => {
    const session = activeSession();
    if (!session) return undefined;
    // Said before the kind is asked for, not after it was picked.
    if (session.readOnly) return fail(`read-only: ${session.readOnly}`);
    const kind = typeof kindArg === 'string' && isNodeKind(kindArg) ? kindArg : await pickKind();
    if (!kind) return undefined;
    const parsed = session.current();
    if (!parsed.ok) return fail(FILE_HAS_ERRORS);
    const node = makeNode(kind, freeSpot(parsed.doc, kind, session.selection));
    // Parsed like a webview's op: core's BmadNode interface is looser than the op schema's type.
    const r = await session.applyHostOp(Op.parse({ type: 'insert', nodes: [node], edges: [] }));
    return r.ok ? node.id : fail(r.message);
  };

  const autoLayout = async (): Promise<boolean> => {
    const session = activeSession();
    if (!session) return false;
    const parsed = session.current();
    if (!parsed.ok) return !!fail(FILE_HAS_ERRORS);
    const op = await autoLayoutOp(parsed.doc);
    if (!op) return true;
    const r = await session.applyHostOp(op);
    if (!r.ok) return !!fail(r.message);
    session.post({ type: 'command', command: 'fitView' });
    return true;
  };

  const fitView = (): boolean => {
    const session = activeSession();
    session?.post({ type: 'command', command: 'fitView' });
    return !!session;
  };

  /**
   * From the editor title the resource comes as an argument; from the palette it is the active canvas.
   * A canvas with problems opens at the first one.
   */
  const openText = async (arg?: unknown): Promise<void> => {
    const session = arg instanceof vscode.Uri ? sessions.get(arg) : activeSession();
    const uri = arg instanceof vscode.Uri ? arg : session?.uri;
    if (uri) await openAsText(uri, session?.firstProblem());
  };

  function fail(message: string): undefined {
    log.warn(`canvas command failed: ${message}`);
    void vscode.window.showErrorMessage(`BMAD: ${message}`);
    return undefined;
  }

  return [
    vscode.commands.registerCommand('bmad.addNode', addNode),
    vscode.commands.registerCommand('bmad.autoLayout', autoLayout),
    vscode.commands.registerCommand('bmad.fitView', fitView),
    vscode.commands.registerCommand('bmad.openAsText', openText),
  ];
}

async function pickKind(): Promise<NodeKind | undefined> {
  const items = KIND_NAMES.map((kind) => ({ label: NODE_KINDS[kind].title, detail: NODE_KINDS[kind].description, nodeKind: kind }));
  const picked = await vscode.window.showQuickPick(items, { title: 'Add Node', placeHolder: 'Kind of node', matchOnDetail: true, ignoreFocusOut: true });
  return picked?.nodeKind;
}
