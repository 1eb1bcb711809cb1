import * as vscode from 'vscode';
import { olderVersion, type OlderOf } from '../../runner/git/versionOrder';
import type { CanvasSession } from '../canvasSession';
import { gitVersion } from '../readOnly';
import type { SessionRegistry } from '../sessionRegistry';

/**
 * VS Code's own diff of a canvas (Source Control, Timeline, Open Changes) opens our editor on both
 * sides. The newer side is shown in compare mode against the older one, the same compare Compare
 * Canvas with… makes:
 * - a change in the working tree: the older side is a read-only `git:` URI, the newer the file;
 * - a staged change (HEAD ↔ index) or two commits (Timeline's Open Changes, Compare with Selected):
 *   both sides are read-only `git:` URIs; the newer one is still marked, and offers no edit.
 *
 * Which two canvases form a diff: VS Code 1.100 gives a diff of custom editors no tab input (its tab
 * API knows text and notebook diffs only), so the pair is the two visible canvases of one file in one
 * editor group whose active tab is not a single canvas. A TabInputTextDiff, should VS Code ever report
 * one, names both sides and is used as it is.
 *
 * Which of two `git:` sides is older: nothing VS Code gives an extension says which custom editor is
 * the diff's left (both load at once from git's file system, so which session starts first varies,
 * and a webview panel has no position), so the versions themselves are asked: git orders a commit
 * before its descendants and before the index (runner/git/versionOrder). That is the order the git
 * extension puts its own diffs in (parent ↔ commit, HEAD ↔ index); a Compare with Selected made
 * newest-first is still marked as what changed since the older version.
 */
export function registerGitDiffCompare(sessions: SessionRegistry, log: vscode.LogOutputChannel): vscode.Disposable[] {
  /** The older side of a diff → the newer side marked against it. */
  const paired = new Map<CanvasSession, CanvasSession>();
  /** Two `git:` URIs of one file (sorted, see pairKey) → which is older, or 'asking' while git is asked. */
  const orders = new Map<string, OlderOf | 'asking'>();
  let disposed = false;

  /** Ends the compare this diff made; a compare the person chose since stays. */
  const unmark = (newer: CanvasSession, older: CanvasSession) => {
    if (sessions.has(newer) && newer.compared?.source === older) newer.setCompare(undefined);
  };

  /** The older of two `git:` sides, once git has said; asks it (and updates again) the first time. */
  const olderOfTwo = (a: CanvasSession, b: CanvasSession): CanvasSession | undefined => {
    const [first, second] = a.uri.toString() < b.uri.toString() ? [a, b] : [b, a];
    const key = pairKey(first, second);
    const known = orders.get(key);
    if (known === 'first') return first;
    if (known === 'second') return second;
    if (orders.has(key)) return undefined;
    const [v1, v2] = [gitVersion(first.uri), gitVersion(second.uri)];
    if (!v1 || !v2) return undefined;
    orders.set(key, 'asking');
    void olderVersion(v1.path, v1.ref, v2.ref).then(
      (order) => order,
      (e: unknown) => {
        log.warn(`${vscode.workspace.asRelativePath(v1.path, false)}: git cannot order ${v1.ref} and ${v2.ref}: ${String(e)}`);
        return undefined;
      },
    ).then((order) => {
      if (disposed) return;
      orders.set(key, order);
      update();
    });
    return undefined;
  };

  const update = () => {
    for (const [older, newer] of paired) {
      if (sessions.has(older) && sessions.has(newer)) continue;
      paired.delete(older);
      unmark(newer, older);
    }
    const open = new Set([...sessions.all()].map((s) => s.uri.toString()));
    for (const key of orders.keys()) if (!key.split('\n').every((u) => open.has(u))) orders.delete(key);

    for (const older of sessions.all()) {
      if (older.uri.scheme !== 'git' || !older.panel.visible) continue;
      const beside = besideInDiff(older, sessions.all());
      if (!beside) continue;
      const { other } = beside;
      // The file's own side (a working-tree diff) is the newer; a side VS Code names as the diff's
      // original is the older; of two `git:` sides, git says.
      const isOlder = !other.readOnly || beside.original === older || (!beside.original && olderOfTwo(older, other) === older);
      const was = paired.get(older);
      if (!isOlder || was === other) continue;
      const parsed = older.current();
      if (!parsed.ok) continue;
      if (was) unmark(was, older);
      // While a diff tab replaces the file's own tab, both report visible for a moment, so one `git:`
      // side may first have marked the file; now that it is the newer side, that compare ends.
      const before = paired.get(other);
      if (before) {
        paired.delete(other);
        unmark(before, other);
      }
      paired.set(older, other);
      other.setCompare({ label: older.readOnly ?? 'git', doc: parsed.doc, source: older });
      log.info(`${vscode.workspace.asRelativePath(other.uri, false)}: VS Code's diff opened; ${other.readOnly ?? 'the file'} marked against ${older.readOnly}`);
    }
  };

  return [
    sessions.onDidChange(update),
    vscode.window.tabGroups.onDidChangeTabs(update),
    new vscode.Disposable(() => {
      disposed = true;
      paired.clear();
      orders.clear();
    }),
  ];
}

const pairKey = (first: CanvasSession, second: CanvasSession) => `${first.uri.toString()}\n${second.uri.toString()}`;

/**
 * The canvas shown beside the `git:` canvas `side` in a diff tab, if there is one, and which of the
 * two is the diff's original when VS Code says. The same file may also be open in a tab of its own in
 * that group (a session of its own): the diff's side is the one opened last. A writable side is the
 * working-tree diff's file; only when there is none is the other side a `git:` one.
 */
function besideInDiff(side: CanvasSession, all: Iterable<CanvasSession>): { other: CanvasSession; original?: CanvasSession } | undefined {
  const group = vscode.window.tabGroups.all.find((g) => g.viewColumn === side.panel.viewColumn);
  const input: unknown = group?.activeTab?.input;
  const newestFirst = [...all].reverse().filter((s) => s !== side && s.panel.viewColumn === side.panel.viewColumn);
  if (input instanceof vscode.TabInputTextDiff) {
    if (input.original.toString() !== side.uri.toString()) return undefined;
    const other = newestFirst.find((s) => s.uri.toString() === input.modified.toString());
    return other && { other, original: side };
  }
  // A single canvas tab (a `git:` canvas opened on its own) is no diff.
  if (input instanceof vscode.TabInputCustom || input instanceof vscode.TabInputText) return undefined;
  const shown = newestFirst.filter((s) => s.panel.visible && s.uri.path === side.uri.path);
  const other = shown.find((s) => !s.readOnly) ?? shown.find((s) => s.uri.scheme === 'git' && s.uri.toString() !== side.uri.toString());
  return other && { other };
}
