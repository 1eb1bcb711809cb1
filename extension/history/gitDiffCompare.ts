import * as vscode from 'vscode';
import type { CanvasSession } from '../canvasSession';
import type { SessionRegistry } from '../sessionRegistry';

/**
 * VS Code's own diff of a canvas (Source Control, Timeline, Open Changes) opens our editor on both
 * sides: the older one on a read-only `git:` URI, the newer one on the file. The newer side is then
 * shown in compare mode against the older one, the same compare Compare Canvas with… makes.
 *
 * Which two canvases form a diff: VS Code 1.100 gives a diff of custom editors no tab input (its tab
 * API knows text and notebook diffs only), so the pair is the two visible canvases of one file in one
 * editor group whose active tab is not a single canvas. A TabInputTextDiff, should VS Code ever report
 * one, names both sides and is used as it is.
 */
export function registerGitDiffCompare(sessions: SessionRegistry, log: vscode.LogOutputChannel): vscode.Disposable[] {
  /** The older side of a diff → the newer side marked against it. */
  const paired = new Map<CanvasSession, CanvasSession>();

  /** Ends the compare this diff made; a compare the person chose since stays. */
  const unmark = (newer: CanvasSession, older: CanvasSession) => {
    if (sessions.has(newer) && newer.compared?.source === older) newer.setCompare(undefined);
  };

  const update = () => {
    for (const [older, newer] of paired) {
      if (sessions.has(older) && sessions.has(newer)) continue;
      paired.delete(older);
      unmark(newer, older);
    }
    for (const older of sessions.all()) {
      if (older.uri.scheme !== 'git' || !older.panel.visible) continue;
      const newer = newerSide(older, sessions.all());
      const was = paired.get(older);
      if (!newer || was === newer) continue;
      const parsed = older.current();
      if (!parsed.ok) continue;
      if (was) unmark(was, older);
      paired.set(older, newer);
      newer.setCompare({ label: older.readOnly ?? 'git', doc: parsed.doc, source: older });
      log.info(`${vscode.workspace.asRelativePath(newer.uri, false)}: VS Code's diff opened; marked against ${older.readOnly}`);
    }
  };

  return [
    sessions.onDidChange(update),
    vscode.window.tabGroups.onDidChangeTabs(update),
    new vscode.Disposable(() => paired.clear()),
  ];
}

/**
 * The writable canvas shown beside `older` in a diff tab, if there is one. The same file may also be
 * open in a tab of its own in that group (a session of its own): the diff's side is the one opened last.
 */
function newerSide(older: CanvasSession, all: Iterable<CanvasSession>): CanvasSession | undefined {
  const group = vscode.window.tabGroups.all.find((g) => g.viewColumn === older.panel.viewColumn);
  const input: unknown = group?.activeTab?.input;
  const newestFirst = [...all].reverse().filter((s) => s !== older && !s.readOnly && s.panel.viewColumn === older.panel.viewColumn);
  if (input instanceof vscode.TabInputTextDiff) {
    if (input.original.toString() !== older.uri.toString()) return undefined;
    return newestFirst.find((s) => s.uri.toString() === input.modified.toString());
  }
  // A single canvas tab (a `git:` canvas opened on its own) is no diff.
  if (input instanceof vscode.TabInputCustom || input instanceof vscode.TabInputText) return undefined;
  return newestFirst.find((s) => s.panel.visible && s.uri.path === older.uri.path);
}
