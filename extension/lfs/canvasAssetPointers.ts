import * as vscode from 'vscode';
import type { AssetPointer, ToWebview } from '../../core';
import { assetFile, probeAssetPointers } from '../../runner/git/assetPointers';
import { PathRefused } from '../../runner/projectPaths';
import type { CanvasSession } from '../canvasSession';
import { projectRootOf } from '../render/canvasProject';
import { probedFilesGlob } from './probedFilesGlob';
import { pullLfsContent } from './pullLfsContent';

type PointersMessage = Extract<ToWebview, { type: 'assetPointers' }>;
type Pointers = PointersMessage['nodes'];

/** Edits come keystroke by keystroke; one probe follows the burst. */
const PROBE_DEBOUNCE_MS = 200;
const NOTHING: vscode.Disposable = { dispose: () => undefined };

/**
 * One canvas's files (reference images, LoRAs, the script) that are Git LFS pointers never pulled:
 * probed on load, when the text or one of those files changes, and after a pull, and sent to the page
 * as `assetPointers`; the inspector's Pull (`lfsPull` with a node id) pulls that node's pointers. Reads
 * files and runs Git, so only in a trusted workspace; elsewhere the canvas is told there are none.
 */
export class CanvasAssetPointers implements vscode.Disposable {
  private pointers: Pointers = {};
  private sent = '';
  private probed: ReadonlySet<string> = new Set();
  private timer: NodeJS.Timeout | undefined;
  private watched: { glob: string | undefined; files: vscode.Disposable } = { glob: undefined, files: NOTHING };
  private refused = '';
  private disposed = false;
  private running: Promise<void> = Promise.resolve();
  private readonly subs: vscode.Disposable[];

  constructor(
    private readonly session: CanvasSession,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subs = [
      // `document` goes out when the page (re)loads and after changes made elsewhere: it may have lost the map.
      session.onDidPost((m) => m.type === 'document' && this.probe(true)),
      vscode.workspace.onDidChangeTextDocument((e) => e.document === session.document && e.contentChanges.length && this.probeSoon()),
      session.onDidReceive((m) => m.type === 'lfsPull' && m.nodeId !== undefined && void this.pull(m.nodeId)),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.probe(true)),
    ];
  }

  /** Watches exactly the files probed last (rebuilt when that set changes), nothing else in the project. */
  private watchProbed(root: string | undefined): void {
    const glob = root === undefined || this.disposed ? undefined : probedFilesGlob(root, this.probed);
    if (glob === this.watched.glob) return;
    this.watched.files.dispose();
    this.watched = { glob, files: root && glob ? this.watcherOn(root, glob) : NOTHING };
  }

  private watcherOn(root: string, glob: string): vscode.Disposable {
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(root), glob));
    const onFile = (uri: vscode.Uri) => {
      // Every event the watcher delivers, at trace level: what a render writes elsewhere must never show here.
      this.log.trace(`${this.session.uri.fsPath}: file event for ${uri.fsPath}`);
      if (this.probed.has(uri.fsPath)) this.probeSoon();
    };
    return vscode.Disposable.from(watcher, watcher.onDidCreate(onFile), watcher.onDidChange(onFile), watcher.onDidDelete(onFile));
  }

  private probeSoon(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.probe(false), PROBE_DEBOUNCE_MS);
  }

  /** Probes the document's current nodes; sends the map when it changed, or always when `resend`. */
  private probe(resend: boolean): Promise<void> {
    clearTimeout(this.timer);
    this.running = this.running.then(async () => {
      const root = projectRootOf(this.session.uri);
      const parsed = this.session.current();
      if (!parsed.ok || !root || !vscode.workspace.isTrusted) {
        this.pointers = {};
        this.probed = new Set();
      } else {
        const found = await probeAssetPointers(root, parsed.doc.nodes).catch((e: Error) => {
          this.log.warn(`${this.session.uri.fsPath}: probing its asset files for Git LFS pointers failed: ${e.message}`);
          return { pointers: {}, probed: new Set<string>(), refused: [] };
        });
        this.pointers = found.pointers;
        this.probed = new Set([...found.probed].map((p) => vscode.Uri.file(p).fsPath));
        this.logRefused(found.refused);
      }
      this.watchProbed(root);
      const text = JSON.stringify(this.pointers);
      if (!resend && text === this.sent) return;
      this.sent = text;
      this.session.post({ type: 'assetPointers', nodes: this.pointers });
    });
    return this.running;
  }

  /** Each refusal once, until the set of refused paths changes (a probe follows every edit). */
  private logRefused(refused: readonly string[]): void {
    const text = refused.join('\n');
    if (text === this.refused) return;
    this.refused = text;
    for (const r of refused) this.log.warn(`${this.session.uri.fsPath}: not probed for Git LFS pointers: ${r}`);
  }

  /**
   * Pulls the files of `nodeId` that the last probe found to be pointers, then probes again. Each path
   * is resolved again the way the probe resolved it: a link swapped in since then is refused.
   */
  private async pull(nodeId: string): Promise<void> {
    const root = projectRootOf(this.session.uri);
    const found: readonly AssetPointer[] = this.pointers[nodeId] ?? [];
    if (!root || !found.length) return;
    const files = new Set<string>();
    for (const pointer of found) {
      try {
        files.add(assetFile(root, nodeId, pointer));
      } catch (e) {
        if (!(e instanceof PathRefused)) throw e;
        const message = `${vscode.workspace.asRelativePath(this.session.uri, false)}: not pulled from Git LFS: ${e.message}`;
        this.log.warn(message);
        void vscode.window.showErrorMessage(message);
      }
    }
    for (const file of files) await pullLfsContent(vscode.Uri.file(file), this.log);
    await this.probe(false);
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    this.watched.files.dispose();
    for (const d of this.subs.splice(0)) d.dispose();
  }
}

/** Attaches the probe to every canvas that opens, for as long as its panel is open. */
export function registerCanvasAssetPointers(
  sessions: { onDidOpen: vscode.Event<CanvasSession> },
  log: vscode.LogOutputChannel,
): vscode.Disposable[] {
  const attached = new Set<CanvasAssetPointers>();
  return [
    sessions.onDidOpen((s) => {
      const probe = new CanvasAssetPointers(s, log);
      attached.add(probe);
      const closed = s.panel.onDidDispose(() => {
        closed.dispose();
        probe.dispose();
        attached.delete(probe);
      });
    }),
    new vscode.Disposable(() => {
      for (const p of attached) p.dispose();
      attached.clear();
    }),
  ];
}
