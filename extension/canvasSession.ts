import * as vscode from 'vscode';
import {
  applyOp, parseDocument, parseToHost, serializeDocument,
  type BmadDocument, type LocatedIssue, type Op, type ParseResult, type ToHost, type ToWebview,
} from '../core';
import type { CanvasSessionApi, TextChangeRead } from './api';
import { diskEncodingIssue, documentEncodingIssue } from './diskEncoding';
import { DocumentWriter } from './documentWriter';
import { openAsText, type TextPlace } from './openAsText';
import { mergeMessage, mergeToDecide, writeResolved, type MergeToDecide } from './canvasMerge';
import { compareMessage, restoreCompared, type CompareTarget } from './canvasCompare';
import { decideProposal, reviewShown, type ProposalUnderReview } from './script/proposalReview';
import { asMessage } from './documentPayload';
import { CollabStatus, NO_COLLAB, sharedCanvas, type CollabState } from './collab/collabState';
import { readOnlyLabel } from './readOnly';
import { invalidMessage } from './invalidMessage';
import { pullLfsContent } from './lfs/pullLfsContent';
import { affectsCanvas, canvasSettings } from './settings';

/** Lets a burst of keystrokes in a text editor reach the canvas as one update. */
const EXTERNAL_DEBOUNCE_MS = 30;
/** An edit is refused when the document changed under it; re-reading and retrying resolves that. */
const WRITE_ATTEMPTS = 3;
export const FILE_HAS_ERRORS = 'the file has errors; fix them as text first';

type Outcome = { ok: true } | { ok: false; message: string };

/**
 * One open canvas: the bridge between a TextDocument (the only truth) and its webview. Ops from the
 * webview are applied to the document parsed from the current text and written as the smallest
 * edit; changes from anywhere else are parsed and sent to the webview.
 */
export class CanvasSession implements CanvasSessionApi, vscode.Disposable {
  readonly uri: vscode.Uri;
  private readonly writer: DocumentWriter;
  private readonly posted = new vscode.EventEmitter<ToWebview>();
  readonly onDidPost = this.posted.event;
  private readonly read = new vscode.EventEmitter<TextChangeRead>();
  readonly onDidReadChange = this.read.event;
  private readonly subscriptions: vscode.Disposable[] = [];
  private queue: Promise<unknown> = Promise.resolve();
  private debounce: NodeJS.Timeout | undefined;
  private parsed: { version: number; result: ParseResult } | undefined;
  private selected: readonly string[] = [];
  private disposed = false;
  private encodingSeen: string;
  private readonly collabStatus = new CollabStatus();
  private readonly received = new vscode.EventEmitter<ToHost>();
  /** Every message from the page once handled here (Live Share's presence relay listens to it). */
  readonly onDidReceive = this.received.event;
  readonly onDidChangeCollab = this.collabStatus.onDidChange;
  readonly onDidSnapshotCollab = this.collabStatus.onDidSnapshot;
  /** The signalling origins this webview's CSP lets it connect to (set with its HTML). */
  connectOrigins: readonly string[] = [];
  /** The version the canvas is shown marked against (read-only until closed); see setCompare. */
  compared: CompareTarget | undefined;
  /** A proposal shown applied in preview (read-only until decided or closed); see proposalReview's setReview. */
  reviewing: ProposalUnderReview | undefined;
  /** Names the version shown when the file cannot be written (a `git:` URI); undefined when it can. */
  readonly readOnly: string | undefined;

  constructor(
    readonly document: vscode.TextDocument,
    readonly panel: vscode.WebviewPanel,
    readonly log: vscode.LogOutputChannel,
    /**
     * Set while the file on disk is not UTF-8 (the text has U+FFFD where its bytes were); checked
     * before the session starts (diskEncodingIssue) so that even the first answer knows.
     */
    private encodingIssue: LocatedIssue | undefined,
  ) {
    this.uri = document.uri;
    this.readOnly = readOnlyLabel(document.uri);
    this.encodingSeen = document.encoding;
    this.writer = new DocumentWriter(document);
    this.subscriptions.push(
      this.posted, this.read, this.collabStatus, this.received,
      panel.webview.onDidReceiveMessage((raw: unknown) => void this.receive(raw)),
      vscode.workspace.onDidChangeTextDocument((e) => this.onTextChanged(e)),
      vscode.workspace.onDidSaveTextDocument((d) => d === this.document && this.recheckDisk()),
      vscode.workspace.onDidChangeConfiguration((e) => affectsCanvas(e, this.uri) && this.sendCurrent()),
    );
  }

  get state(): 'ok' | 'invalid' | 'merge' {
    const r = this.current();
    if (r.ok && !r.doc.conflicts?.length) return 'ok';
    return this.readMerge()?.ok ? 'merge' : 'invalid';
  }

  get collab(): CollabState {
    return this.collabStatus.current;
  }

  get selection(): readonly string[] {
    return this.selected;
  }

  /**
   * The document parsed from its current text, cached per version (parsing a big canvas takes ms);
   * a text this session wrote is never parsed again, it knows the document it came from.
   */
  current(): ParseResult {
    const encoding = documentEncodingIssue(this.document) ?? this.encodingIssue;
    if (encoding) return { ok: false, issues: [encoding] };
    const v = this.document.version;
    if (this.parsed?.version !== v) this.parsed = { version: v, result: parseDocument(this.document.getText()) };
    return this.parsed.result;
  }

  /** Where the first problem is, for Open as Text; undefined when the document reads. */
  firstProblem(): TextPlace | undefined {
    const r = this.current();
    return r.ok ? undefined : r.issues[0];
  }

  receive(raw: unknown): Promise<void> {
    const r = parseToHost(raw);
    if (!r.ok) {
      this.log.warn(`${this.file()}: dropped a message from the canvas: ${r.error}`);
      return Promise.resolve();
    }
    return this.handle(r.message).finally(() => this.received.fire(r.message));
  }

  private async handle(msg: ToHost): Promise<void> {
    switch (msg.type) {
      case 'ready':
        // A new page: whatever session the old one had ended with it.
        this.collabStatus.set(NO_COLLAB);
        return this.sendCurrent();
      case 'op': {
        const result = await this.enqueue(() => this.write(msg.op));
        this.post({ type: 'opResult', seq: msg.seq, ...result });
        // The canvas already shows the gesture; on failure it must snap back to what the file says.
        if (!result.ok) this.sendCurrent();
        return;
      }
      case 'resolve': {
        const result = await this.enqueue(() => writeResolved(this.document, this.writer, msg, (note) => this.log.warn(`${this.file()}: ${note}`)));
        this.post({ type: 'opResult', seq: msg.seq, ...result });
        this.sendCurrent();
        return;
      }
      case 'selection':
        this.selected = msg.nodeIds;
        return;
      case 'openAsText':
        await openAsText(this.uri, msg.at ?? this.firstProblem());
        return;
      case 'lfsPull': return msg.nodeId === undefined ? pullLfsContent(this.uri, this.log) : undefined;
      case 'history':
        // Undo and redo of a custom text editor act on its document's undo stack.
        await vscode.commands.executeCommand(msg.action);
        return;
      case 'runCommand':
        await vscode.commands.executeCommand(`bmad.${msg.command}`);
        return;
      case 'compareAction':
        if (msg.action === 'close') return this.setCompare(undefined);
        await this.restoreCompared(msg.nodeIds);
        return;
      case 'proposalAction':
        return decideProposal(this, msg);
      case 'log':
        this.log[msg.level](`${this.file()} (canvas): ${msg.message}`);
        return;
      case 'collabDoc': {
        const r = await this.enqueue(() => this.writeWith(() => sharedCanvas(msg.doc)));
        if (!r.ok) this.log.warn(`${this.file()}: the shared canvas was not written: ${r.message}`);
        return;
      }
      case 'collabSnapshot': return this.collabStatus.snapshot(msg.room, msg.update);
      case 'collabStatus': {
        const { type: _, ...state } = msg;
        return this.collabStatus.set(state);
      }
    }
  }

  /** An op made by the host (Add Node, Auto Layout): the webview did not see it, so it gets the result. */
  async applyHostOp(op: Op): Promise<Outcome> {
    const result = await this.enqueue(() => this.write(op));
    this.sendCurrent();
    return result;
  }

  /** Shows the canvas marked against `target` (read-only until closed), or ends compare mode. */
  setCompare(target: CompareTarget | undefined): void {
    this.compared = target;
    this.sendCurrent();
  }

  /** Makes the canvas (or only `nodeIds`) what the compared version was, as one edit (see canvasCompare). */
  async restoreCompared(nodeIds?: readonly string[]): Promise<Outcome> {
    const result = await restoreCompared(this, nodeIds);
    if (!result.ok) this.log.warn(`${this.file()}: restoring ${this.compared?.label} failed: ${result.message}`);
    return result;
  }

  /** Ops run one after another: each must see the text the previous one wrote. */
  private enqueue<T>(f: () => Promise<T>): Promise<T> {
    const run = this.queue.then(f);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private write(op: Op): Promise<Outcome> {
    return this.writeWith((doc) => applyOp(doc, op));
  }

  private async writeWith(next: (doc: BmadDocument) => { ok: true; doc: BmadDocument } | { ok: false; message: string }): Promise<Outcome> {
    if (this.readOnly) return { ok: false, message: `read-only: ${this.readOnly}` };
    for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
      const parsed = this.current();
      // The studio never writes over a document it could not read.
      if (!parsed.ok) return { ok: false, message: FILE_HAS_ERRORS };
      const r = next(parsed.doc);
      if (!r.ok) return r;
      const text = serializeDocument(r.doc);
      if (await this.writer.write(text)) {
        const { version } = this.document;
        if (this.document.getText() === text) this.parsed = { version, result: { ok: true, doc: r.doc } };
        return { ok: true };
      }
      this.log.info(`${this.file()}: the document changed while an edit was applied; retrying`);
    }
    return { ok: false, message: 'the document kept changing while the edit was applied; try again' };
  }

  private onTextChanged(e: vscode.TextDocumentChangeEvent): void {
    if (e.document !== this.document) return;
    // No content change: the dirty state or the encoding changed; only the latter matters here.
    if (e.contentChanges.length === 0) {
      if (this.document.encoding !== this.encodingSeen) this.recheckDisk();
      return;
    }
    const echo = this.writer.consumeEcho(e.document.getText());
    this.read.fire({ version: e.document.version, echo });
    if (echo) return;
    const undoing = e.reason === vscode.TextDocumentChangeReason.Undo || e.reason === vscode.TextDocumentChangeReason.Redo;
    if (undoing && this.collabStatus.current.state !== 'off') {
      // In session Edit › Undo is this person's own undo, not the text's (which may hold others' edits).
      this.post({ type: 'collabHistory', action: e.reason === vscode.TextDocumentChangeReason.Undo ? 'undo' : 'redo' });
      return;
    }
    clearTimeout(this.debounce);
    // Not dirty after a change: the text was (re)loaded from disk, whose bytes may have changed.
    if (!e.document.isDirty) this.recheckDisk();
    else this.debounce = setTimeout(() => this.sendCurrent(), EXTERNAL_DEBOUNCE_MS);
  }

  /** Reads the file's bytes again; ops wait for it, and the webview then gets what holds now. */
  private recheckDisk(): void {
    this.encodingSeen = this.document.encoding;
    void this.enqueue(async () => {
      this.encodingIssue = await diskEncodingIssue(this.uri);
    }).then(() => this.sendCurrent());
  }

  /** Sends what the text says now: the document with settings, or the located issues. */
  sendCurrent(): void {
    clearTimeout(this.debounce);
    const parsed = this.current();
    const file = this.file();
    if (parsed.ok && !parsed.doc.conflicts?.length) {
      const settings = canvasSettings(this.uri);
      const review = this.reviewing && reviewShown(this, parsed.doc, settings);
      if (review) return this.post(review);
      if (this.compared) return this.post(compareMessage(this.compared, parsed.doc, file, settings, this.readOnly));
      return this.post({ type: 'document', file, doc: asMessage(parsed.doc), settings, ...(this.readOnly && { readOnly: this.readOnly }) });
    }
    // Undecided conflicts (ours, or git's markers) open the merge view; anything else is an error.
    const read = this.readMerge();
    if (read?.ok) return this.post(mergeMessage(read.state, file, this.document.version));
    this.post(invalidMessage(this.uri, file, this.document.getText(), read ? read.issues : parsed.ok ? [] : parsed.issues));
  }

  /** The merge to decide (see mergeToDecide); none while the file is not UTF-8 (its text is not what is on disk). */
  private readMerge(): MergeToDecide | undefined {
    return documentEncodingIssue(this.document) ?? this.encodingIssue ? undefined : mergeToDecide(this.document.getText());
  }

  post(msg: ToWebview): void {
    // An op can finish after its editor closed; a disposed webview throws on postMessage.
    if (this.disposed) return;
    void this.panel.webview.postMessage(msg);
    this.posted.fire(msg);
  }

  private file(): string {
    return vscode.workspace.asRelativePath(this.uri, false);
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.debounce);
    for (const d of this.subscriptions.splice(0)) d.dispose();
  }
}
