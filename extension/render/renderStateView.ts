import fs from 'node:fs';
import * as vscode from 'vscode';
import type { NodeRender } from '../../core';
import type { RenderEvent } from '../../runner/render';
import type { CanvasSession } from '../canvasSession';
import type { CanvasProject } from './canvasProject';
import { applyPatch, patchFor, type NodeRenders, type Patch } from './nodeRenderState';
import type { StatusRequest } from './statusCompute';
import { StatusRefresher, type StatusUpdate } from './statusRefresher';
import type { StatusThread } from './statusThread';

/** Progress can come many times a second per job; the canvas needs a few frames a second at most. */
const FLUSH_MS = 100;

/**
 * The render state one canvas shows. Between renders it is `bmad status` for the document's current
 * text (so an edit turns its node and everything downstream stale), computed on the status thread
 * (statusRefresher.ts) so that planning a big canvas never blocks the extension host; during a
 * render it follows the render's events. The whole map is sent again whenever the webview (re)loads.
 */
export class RenderStateView implements vscode.Disposable {
  private current: NodeRenders = {};
  /** Failed jobs by node, kept while the node's key is the one that failed. */
  private readonly failures = new Map<string, { key: string; message: string }>();
  private pending = new Set<string>();
  private flushTimer: NodeJS.Timeout | undefined;
  private statusOf: string | undefined;
  private rendering = 0;
  /** What the canvas showed when the render began. */
  private beforeRender: NodeRenders = {};
  private readonly status: StatusRefresher;
  private readonly subs: vscode.Disposable[];

  constructor(
    private readonly session: CanvasSession,
    private readonly project: () => CanvasProject | undefined,
    private readonly log: vscode.LogOutputChannel,
    thread: StatusThread,
  ) {
    this.status = new StatusRefresher(thread, session.uri.toString(), {
      request: (force) => this.request(force),
      apply: (u) => this.apply(u),
      warn: (m) => {
        const canvas = this.project()?.canvas ?? session.uri.fsPath;
        this.log.warn(`${canvas}: could not compute the render status: ${m}`);
      },
    });
    this.subs = [
      // `document` goes out when the webview (re)loads and after changes made elsewhere.
      session.onDidPost((m) => m.type === 'document' && this.onDocumentSent()),
      // Edits made on the canvas itself are not echoed as `document`, but change what is stale.
      vscode.workspace.onDidChangeTextDocument((e) => e.document === session.document && e.contentChanges.length > 0 && this.refresh()),
    ];
  }

  /** What the canvas shows now, by node (for tests and for the commands' messages). */
  get nodes(): Readonly<NodeRenders> {
    return this.current;
  }

  private onDocumentSent(): void {
    // A reloaded webview has lost what it showed: send it all again, then bring it up to date.
    this.post(true);
    this.refresh();
  }

  /**
   * Recomputes from render.lock and the files in 03_Renders, on the status thread. Skipped while a
   * render runs (its events are newer) and when neither the text nor the lock changed since the last time.
   */
  refresh(force = false): void {
    if (this.rendering === 0) this.status.refresh(force);
  }

  private request(force: boolean): StatusRequest | undefined {
    const cp = this.project();
    // Text that does not parse is answered with nothing by the thread: parsing it here would block.
    if (this.rendering > 0 || !cp) return undefined;
    const lockStamp = fs.statSync(cp.project.lockFile, { throwIfNoEntry: false })?.mtimeMs ?? 0;
    const stamp = `${this.session.document.version}:${lockStamp}`;
    if (!force && stamp === this.statusOf) return undefined;
    this.statusOf = stamp;
    return {
      canvasFile: this.session.uri.fsPath,
      text: this.session.document.getText(),
      base: this.session.panel.webview.asWebviewUri(vscode.Uri.file(cp.project.root)).toString(),
      failures: [...this.failures],
    };
  }

  private apply(u: StatusUpdate): void {
    if (this.rendering > 0) return;
    this.current = u.full ? u.nodes : { ...this.current, ...u.nodes };
    if (u.full) return this.post(true);
    for (const id of Object.keys(u.nodes)) this.pending.add(id);
    this.flush();
  }

  beginRender(): void {
    if (this.rendering++ === 0) this.beforeRender = this.current;
    this.status.invalidate();
  }

  /**
   * After a render: status again, which now includes what it rendered and the failures it had. It comes
   * from the status thread a moment later; until then a job the render left queued or running (it was
   * cancelled) shows what it showed before the render, never a spinner for work that stopped.
   */
  endRender(): void {
    this.rendering = Math.max(0, this.rendering - 1);
    this.flush();
    if (this.rendering > 0) return;
    const left = Object.entries(this.current).filter(([, r]) => r.state === 'queued' || r.state === 'running');
    if (left.length) {
      const restored: NodeRenders = { ...this.current };
      for (const [id] of left) {
        const before = this.beforeRender[id];
        if (before) restored[id] = before;
        else delete restored[id];
      }
      this.current = restored;
      this.post(true);
    }
    this.status.invalidate();
    this.refresh(true);
  }

  /** `wanted`: the nodes this render runs (all the plan's jobs when absent). */
  onEvent(e: RenderEvent, wanted?: ReadonlySet<string>): void {
    if (e.type === 'plan') {
      for (const entry of e.plan.entries) {
        const id = entry.state === 'job' ? entry.job.node.id : entry.node.id;
        if (wanted && !wanted.has(id)) continue;
        if (entry.state === 'job') this.patch({ node: id, state: 'queued' });
        else this.patch({ node: id, state: entry.state === 'needs-input' ? 'needs-input' : 'failed', message: entry.reason });
      }
      return this.flush();
    }
    const p = patchFor(e);
    if (!p) return;
    if (p.state === 'failed' && 'job' in e) this.failures.set(p.node, { key: e.job.key, message: p.message ?? 'failed' });
    else if (p.state === 'done') this.failures.delete(p.node);
    const stateChanged = this.current[p.node]?.state !== p.state;
    this.patch(p);
    // A change of state shows at once; progress within a state waits for the next frame.
    if (stateChanged) this.flush();
    else this.flushTimer ??= setTimeout(() => this.flush(), FLUSH_MS);
  }

  private patch(p: Patch): void {
    this.current = { ...this.current, [p.node]: applyPatch(this.current[p.node], p) };
    this.pending.add(p.node);
  }

  private flush(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (this.pending.size) this.post(false);
  }

  private post(full: boolean): void {
    const nodes: Record<string, NodeRender> = {};
    if (full) Object.assign(nodes, this.current);
    else for (const id of this.pending) if (this.current[id]) nodes[id] = this.current[id];
    this.pending.clear();
    this.session.post({ type: 'renderState', full, nodes });
  }

  dispose(): void {
    clearTimeout(this.flushTimer);
    this.status.dispose();
    for (const d of this.subs.splice(0)) d.dispose();
  }
}
