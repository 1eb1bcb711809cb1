import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { NodeRender } from '../../core';
import type { RenderEvent } from '../../runner/render';
import { projectStatus } from '../../runner/status';
import type { CanvasSession } from '../canvasSession';
import { applyPatch, fromStatus, patchFor, type NodeRenders, type Patch } from './nodeRenderState';
import type { CanvasProject } from './canvasProject';

/** Progress can come many times a second per job; the canvas needs a few frames a second at most. */
const FLUSH_MS = 100;
/** Status plans the canvas; a burst of edits is planned once. */
const STATUS_DEBOUNCE_MS = 250;

/**
 * The render state one canvas shows. Between renders it is `bmad status` for the document's current
 * text (so an edit turns its node and everything downstream stale); during a render it follows the
 * render's events. The whole map is sent again whenever the webview (re)loads.
 */
export class RenderStateView implements vscode.Disposable {
  private current: NodeRenders = {};
  /** Failed jobs by node, kept while the node's key is the one that failed. */
  private readonly failures = new Map<string, { key: string; message: string }>();
  private pending = new Set<string>();
  private flushTimer: NodeJS.Timeout | undefined;
  private statusTimer: NodeJS.Timeout | undefined;
  private statusOf: string | undefined;
  private rendering = 0;
  private readonly subs: vscode.Disposable[];

  constructor(
    private readonly session: CanvasSession,
    private readonly project: () => CanvasProject | undefined,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subs = [
      // `document` goes out when the webview (re)loads and after changes made elsewhere.
      session.onDidPost((m) => m.type === 'document' && this.onDocumentSent()),
      // Edits made on the canvas itself are not echoed as `document`, but change what is stale.
      vscode.workspace.onDidChangeTextDocument((e) => e.document === session.document && e.contentChanges.length > 0 && this.scheduleStatus()),
    ];
  }

  /** What the canvas shows now, by node (for tests and for the commands' messages). */
  get nodes(): Readonly<NodeRenders> {
    return this.current;
  }

  private onDocumentSent(): void {
    // A reloaded webview has lost what it showed: send it all again, then bring it up to date.
    this.post(true);
    this.scheduleStatus();
  }

  private scheduleStatus(): void {
    clearTimeout(this.statusTimer);
    this.statusTimer = setTimeout(() => this.refresh(), STATUS_DEBOUNCE_MS);
  }

  /**
   * Recomputes from render.lock and the files in 03_Renders. Skipped while a render runs (its events
   * are newer) and when neither the text nor the lock changed since the last time.
   */
  refresh(force = false): void {
    clearTimeout(this.statusTimer);
    if (this.rendering > 0) return;
    const cp = this.project();
    const parsed = this.session.current();
    if (!cp || !parsed.ok) return;
    const lockStamp = fs.statSync(cp.project.lockFile, { throwIfNoEntry: false })?.mtimeMs ?? 0;
    const stamp = `${this.session.document.version}:${lockStamp}`;
    if (!force && stamp === this.statusOf) return;
    this.statusOf = stamp;
    try {
      const statuses = projectStatus(cp.project, [cp.canvas], undefined, () => parsed.doc);
      this.current = fromStatus(statuses, parsed.doc, (rel) => this.src(cp.project.root, rel), this.failures);
      this.post(true);
    } catch (e) {
      this.log.warn(`${cp.canvas}: could not compute the render status: ${(e as Error).message}`);
    }
  }

  /** Files in 03_Renders as webview URIs; the mtime in the query makes a re-rendered file load anew. */
  private src(root: string, rel: string): string | undefined {
    const file = path.join(root, rel);
    const st = fs.statSync(file, { throwIfNoEntry: false });
    if (!st?.isFile()) return undefined;
    return `${this.session.panel.webview.asWebviewUri(vscode.Uri.file(file)).toString()}?v=${Math.round(st.mtimeMs)}`;
  }

  beginRender(): void {
    this.rendering++;
  }

  /** After a render: status again, which now includes what it rendered and the failures it had. */
  endRender(): void {
    this.rendering = Math.max(0, this.rendering - 1);
    this.flush();
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
    clearTimeout(this.statusTimer);
    for (const d of this.subs.splice(0)) d.dispose();
  }
}
