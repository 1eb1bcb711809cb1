import * as vscode from 'vscode';
import { z } from 'zod';
import { canvasAt, canvasCommits, localBranches } from '../../runner/git/canvasHistory';
import type { CanvasSession } from '../canvasSession';
import type { SessionRegistry } from '../sessionRegistry';
import { HistoryView } from './historyView';

/** A Canvas History row as a command receives it (from the tree, or a test). */
const CommitArg = z.object({ hash: z.string().regex(/^[0-9a-f]{4,64}$/), subject: z.string() });

const shortRef = (hash: string, subject: string) => `${hash.slice(0, 7)} ${subject}`.slice(0, 200);

/**
 * Compare Canvas with…, the Canvas History view and Restore Canvas from This Commit. They act on the
 * canvas last looked at: focusing the view takes focus from the canvas, so "active" would be none.
 */
export function registerHistory(sessions: SessionRegistry, log: vscode.LogOutputChannel): vscode.Disposable[] {
  const view = new HistoryView(log);
  let last: CanvasSession | undefined;
  const follow = () => {
    const s = sessions.active;
    if (s && s.uri.scheme === 'file') last = s;
    if (last && !sessions.get(last.uri)) last = undefined;
    view.show(last?.uri);
  };

  const canvas = (): CanvasSession | undefined => {
    follow();
    if (!last) void vscode.window.showWarningMessage('Open a BMAD canvas (a file in a git repository) first.');
    return last;
  };

  /** Puts `session` in compare mode against `rev`; the label is what its compare bar shows. */
  const compare = async (session: CanvasSession, rev: string, label: string): Promise<boolean> => {
    const r = await canvasAt(session.uri.fsPath, rev);
    if (!r.ok) {
      void vscode.window.showErrorMessage(r.message);
      return false;
    }
    session.setCompare({ label, doc: r.doc });
    session.panel.reveal(undefined, false);
    return true;
  };

  /** `bmad.compareWith` [rev]: asks for a commit that touched the canvas, or a branch, unless given. */
  const compareWith = async (revArg?: unknown): Promise<boolean> => {
    const session = canvas();
    if (!session) return false;
    if (typeof revArg === 'string' && revArg.length > 0) return compare(session, revArg, revArg.slice(0, 200));
    const file = session.uri.fsPath;
    let picks: (vscode.QuickPickItem & { rev: string; name: string })[];
    try {
      const [commits, branches] = await Promise.all([canvasCommits(file), localBranches(file)]);
      picks = [
        ...commits.map((c) => ({ label: c.subject, description: `${c.hash.slice(0, 7)} · ${c.summary}`, detail: `${c.author} · ${c.date}`, rev: c.hash, name: shortRef(c.hash, c.subject) })),
        ...branches.map((b) => ({ label: `$(git-branch) ${b}`, description: 'branch', rev: b, name: b })),
      ];
    } catch (e) {
      void vscode.window.showErrorMessage(`Compare Canvas with…: git cannot list this canvas's history (${String((e as Error).message).split('\n')[0]})`);
      return false;
    }
    const pick = await vscode.window.showQuickPick(picks, { title: 'Compare Canvas with…', placeHolder: 'a commit that changed this canvas, or a branch', matchOnDescription: true });
    if (!pick) return false;
    return compare(session, pick.rev, pick.name);
  };

  const compareCommit = async (arg: unknown): Promise<boolean> => {
    const c = CommitArg.safeParse(arg);
    const session = canvas();
    if (!c.success || !session) return false;
    return compare(session, c.data.hash, shortRef(c.data.hash, c.data.subject));
  };

  /** From a history row: compare with that commit first (so the person sees what came back), then restore. */
  const restore = async (arg?: unknown): Promise<boolean> => {
    const session = canvas();
    if (!session) return false;
    if (arg !== undefined && !(await compareCommit(arg))) return false;
    const r = await session.restoreCompared();
    if (!r.ok) void vscode.window.showErrorMessage(`Restore Canvas: ${r.message}`);
    return r.ok;
  };

  /** `bmad.restoreSelection`: the selected nodes (compare mode) back from the compared version, as one edit. */
  const restoreSelection = async (): Promise<boolean> => {
    const session = canvas();
    if (!session) return false;
    if (!session.compared || session.selection.length === 0) {
      void vscode.window.showWarningMessage('Restore Selection: compare the canvas with a version and select the nodes to bring back first.');
      return false;
    }
    const r = await session.restoreCompared(session.selection);
    if (!r.ok) void vscode.window.showErrorMessage(`Restore Selection: ${r.message}`);
    return r.ok;
  };

  const closeCompare = (): boolean => {
    const session = canvas();
    session?.setCompare(undefined);
    return !!session;
  };

  return [
    view,
    vscode.window.registerTreeDataProvider('bmad.history', view),
    sessions.onDidChange(follow),
    vscode.commands.registerCommand('bmad.compareWith', compareWith),
    vscode.commands.registerCommand('bmad.history.compare', compareCommit),
    vscode.commands.registerCommand('bmad.history.restore', restore),
    vscode.commands.registerCommand('bmad.history.refresh', () => view.refresh()),
    vscode.commands.registerCommand('bmad.closeCompare', closeCompare),
    vscode.commands.registerCommand('bmad.restoreSelection', restoreSelection),
    vscode.workspace.onDidSaveTextDocument((d) => d.uri.toString() === view.canvas?.toString() && view.refresh()),
  ];
}
