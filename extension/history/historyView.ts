import * as vscode from 'vscode';
import { canvasCommits, type CanvasCommit } from '../../runner/git/canvasHistory';

/**
 * Canvas History: the commits that touched the canvas last looked at, newest first, each with what it
 * changed node by node. Selecting one compares the canvas with it.
 */
export class HistoryView implements vscode.TreeDataProvider<CanvasCommit>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private file: vscode.Uri | undefined;
  private problem: string | undefined;

  constructor(private readonly log: vscode.LogOutputChannel) {}

  /** Shows the history of `file` (a canvas on disk), or nothing. */
  show(file: vscode.Uri | undefined): void {
    if (file?.toString() === this.file?.toString()) return;
    this.file = file;
    this.changed.fire(undefined);
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  get canvas(): vscode.Uri | undefined {
    return this.file;
  }

  get message(): string | undefined {
    return this.problem;
  }

  async getChildren(parent?: CanvasCommit): Promise<CanvasCommit[]> {
    if (parent || !this.file) return [];
    try {
      this.problem = undefined;
      return await canvasCommits(this.file.fsPath);
    } catch (e) {
      // Not in a repository, or git is missing: the view stays empty and says why in the log.
      this.problem = String((e as Error).message).split('\n')[0];
      this.log.info(`Canvas History: ${vscode.workspace.asRelativePath(this.file, false)}: ${this.problem}`);
      return [];
    }
  }

  getTreeItem(c: CanvasCommit): vscode.TreeItem {
    const item = new vscode.TreeItem(c.subject, vscode.TreeItemCollapsibleState.None);
    item.id = c.hash;
    item.description = c.summary;
    item.tooltip = new vscode.MarkdownString(`**${c.subject}**\n\n${c.hash.slice(0, 7)} · ${c.author} · ${c.date}\n\n${c.summary}`);
    item.iconPath = new vscode.ThemeIcon('git-commit');
    item.contextValue = 'bmadCommit';
    item.command = { command: 'bmad.history.compare', title: 'Compare Canvas with This Commit', arguments: [c] };
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
