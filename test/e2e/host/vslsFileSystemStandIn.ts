import * as vscode from 'vscode';

/**
 * STAND-IN for Live Share's `vsls:` file system, which cannot run here (no Live Share service): an
 * in-memory file system on the same scheme, so that a canvas opens on a `vsls:` document as a guest's
 * does. It stands in only for where the bytes live; the canvas, its edits and VS Code are the real ones.
 */
export class VslsFileSystemStandIn implements vscode.FileSystemProvider {
  private readonly files = new Map<string, { data: Uint8Array; mtime: number }>();
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;

  static register(): { fs: VslsFileSystemStandIn; registration: vscode.Disposable } {
    const fs = new VslsFileSystemStandIn();
    console.log('[stand-in] an in-memory vsls: file system in place of Live Share\'s');
    return { fs, registration: vscode.workspace.registerFileSystemProvider('vsls', fs, { isCaseSensitive: true }) };
  }

  text(uri: vscode.Uri): string | undefined {
    const f = this.files.get(uri.path);
    return f && new TextDecoder().decode(f.data);
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  stat(uri: vscode.Uri): vscode.FileStat {
    if (uri.path === '/') return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 };
    const f = this.files.get(uri.path);
    if (!f) throw vscode.FileSystemError.FileNotFound(uri);
    return { type: vscode.FileType.File, ctime: 0, mtime: f.mtime, size: f.data.length };
  }

  readDirectory(): [string, vscode.FileType][] {
    return [...this.files.keys()].map((p) => [p.slice(1), vscode.FileType.File]);
  }

  createDirectory(): void {}

  readFile(uri: vscode.Uri): Uint8Array {
    const f = this.files.get(uri.path);
    if (!f) throw vscode.FileSystemError.FileNotFound(uri);
    return f.data;
  }

  writeFile(uri: vscode.Uri, content: Uint8Array): void {
    const existed = this.files.has(uri.path);
    this.files.set(uri.path, { data: content, mtime: Date.now() });
    this.changed.fire([{ type: existed ? vscode.FileChangeType.Changed : vscode.FileChangeType.Created, uri }]);
  }

  delete(uri: vscode.Uri): void {
    this.files.delete(uri.path);
    this.changed.fire([{ type: vscode.FileChangeType.Deleted, uri }]);
  }

  rename(): void {
    throw vscode.FileSystemError.NoPermissions('rename is not needed here');
  }
}
