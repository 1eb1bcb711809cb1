import path from 'node:path';
import * as vscode from 'vscode';
import type { AssetPointer, ToWebview } from '../../core';
import { probeAssetPointers } from '../../runner/git/assetPointers';
import type { CanvasSession } from '../canvasSession';
import { projectRootOf } from '../render/canvasProject';
import { pullLfsContent } from './pullLfsContent';

type PointersMessage = Extract<ToWebview, { type: 'assetPointers' }>;
type Pointers = PointersMessage['nodes'];

/** Edits come keystroke by keystroke; one probe follows the burst. */
const PROBE_DEBOUNCE_MS = 200;

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
  private running: Promise<void> = Promise.resolve();
  private readonly subs: vscode.Disposable[];

  constructor(
    private readonly session: CanvasSession,
    private readonly log: vscode.LogOutputChannel,
  ) {
    const root = projectRootOf(session.uri);
    const pattern = root && new vscode.RelativePattern(vscode.Uri.file(root), '**/*');
    const watcher = pattern ? vscode.workspace.createFileSystemWatcher(pattern) : undefined;
    const onFile = (uri: vscode.Uri) => this.probed.has(uri.fsPath) && this.probeSoon();
    this.subs = [
      // `document` goes out when the page (re)loads and after changes made elsewhere: it may have lost the map.
      session.onDidPost((m) => m.type === 'document' && this.probe(true)),
      vscode.workspace.onDidChangeTextDocument((e) => e.document === session.document && e.contentChanges.length && this.probeSoon()),
      session.onDidReceive((m) => m.type === 'lfsPull' && m.nodeId !== undefined && void this.pull(m.nodeId)),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.probe(true)),
      ...(watcher ? [watcher, watcher.onDidCreate(onFile), watcher.onDidChange(onFile), watcher.onDidDelete(onFile)] : []),
    ];
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
          return { pointers: {}, probed: new Set<string>() };
        });
        this.pointers = found.pointers;
        this.probed = new Set([...found.probed].map((p) => vscode.Uri.file(p).fsPath));
      }
      const text = JSON.stringify(this.pointers);
      if (!resend && text === this.sent) return;
      this.sent = text;
      this.session.post({ type: 'assetPointers', nodes: this.pointers });
    });
    return this.running;
  }

  /** Pulls the files of `nodeId` that the last probe found to be pointers, then probes again. */
  private async pull(nodeId: string): Promise<void> {
    const root = projectRootOf(this.session.uri);
    const files: readonly AssetPointer[] = this.pointers[nodeId] ?? [];
    if (!root || !files.length) return;
    for (const file of new Set(files.map((f) => f.path))) {
      await pullLfsContent(vscode.Uri.file(path.join(root, ...file.split(/[\\/]+/))), this.log);
    }
    await this.probe(false);
  }

  dispose(): void {
    clearTimeout(this.timer);
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
