import { applyOp, type Op, type OpResult } from '../../core/ops';
import { parseToWebview, type CanvasShortcutCommand, type ToWebview } from '../../core/protocol';
import type { NodeKind } from '../../core/nodes';
import type { BmadDocument } from '../../core/schema';
import { CanvasCollab } from '../collab/canvasCollab';
import type { HostChannel } from '../host/hostChannel';
import { CanvasDoc } from './canvasDoc';
import { editLock } from './editLock';
import { FILE, LOCAL } from './origins';
import { readSavedState, StateSaver } from './savedState';
import { createUiStore, EMPTY, statusOf, type UiStore, type Viewport } from './uiState';

/** Host commands that only the mounted view can carry out (they need the viewport). */
export type ViewCommand = { readonly command: 'fitView' } | { readonly command: 'addNode'; readonly kind: NodeKind };

type DocumentMessage = Extract<ToWebview, { type: 'document' }>;
type CompareMessage = Extract<ToWebview, { type: 'compare' }>;

/**
 * The webview side of the editing protocol. Local gestures update the Y.Doc at once (origin LOCAL) and
 * go to the host as semantic ops; the host writes the TextDocument and echoes nothing for its own text.
 * Any `document` from the host is applied with origin FILE as a minimal diff. Ops the host has not
 * answered yet are replayed on top of an incoming document, so a document that crossed an op on the
 * wire does not undo it on screen.
 */
export class CanvasSession {
  readonly ui: UiStore = createUiStore();
  private seq = 0;
  private readonly pending = new Map<number, Op>();
  /** Sequence numbers of resolve messages not answered yet. */
  private readonly resolving = new Set<number>();
  private viewport: Viewport | undefined;
  private readonly viewListeners = new Set<(c: ViewCommand) => void>();
  private readonly saver: StateSaver;
  private docJson: { version: number; text: string } | undefined;
  private postedSelection = '';
  /** A collaboration session, when one runs: then the shared Y.Doc is the live state (canvasCollab.ts). */
  readonly collab: CanvasCollab;

  constructor(
    private readonly host: HostChannel,
    readonly doc: CanvasDoc = new CanvasDoc(),
    connectTo?: ConstructorParameters<typeof CanvasCollab>[2],
  ) {
    this.saver = new StateSaver(host, () => this.savedSnapshot());
    this.collab = new CanvasCollab(doc, { post: (m) => host.post(m), notify: (level, text) => this.notify(level, text) }, connectTo);
    doc.onChange(() => this.saver.schedule());
    this.ui.subscribe(() => this.collab.presence.setSelection(this.ui.get().selection));
  }

  /** Redraws from saved state at once (a reloaded webview), then asks the host for the document. */
  start(): void {
    const saved = readSavedState(this.host.getState());
    if (saved) {
      this.viewport = saved.viewport;
      this.ui.set({
        initialViewport: saved.viewport,
        file: saved.file,
        ...(saved.settings && { settings: saved.settings }),
        ...(saved.legendOpen !== undefined && { legendOpen: saved.legendOpen }),
      });
      if (saved.doc) {
        this.doc.applyDocument(saved.doc, FILE);
        this.ui.set({ mode: 'canvas', selection: this.existing(saved.selection ?? []) });
      }
    }
    this.host.post({ type: 'ready' });
  }

  /** Every message from the host comes through here, parsed; a bad one is reported and dropped. */
  receive(raw: unknown): void {
    // The bench's timings (ReadyInfo.parse/apply), guarded inline so the build drops them; `typeof`
    // because this module also runs in Node's unit tests, where nothing defines the flag.
    if (typeof __BMAD_BENCH__ !== 'undefined' && __BMAD_BENCH__) performance.mark('bmad:receive');
    const parsed = parseToWebview(raw);
    if (typeof __BMAD_BENCH__ !== 'undefined' && __BMAD_BENCH__) performance.measure('bmad:parse', 'bmad:receive');
    if (!parsed.ok) {
      this.log('warn', `canvas dropped a message from the host: ${parsed.error}`);
      return;
    }
    const m = parsed.message;
    switch (m.type) {
      case 'document':
        return this.onDocument(m);
      case 'compare':
        return this.onCompare(m);
      case 'invalid':
        return this.ui.set({ mode: 'invalid', file: m.file, issues: m.issues, lfsPointer: m.lfsPointer, merge: undefined, compare: undefined });
      case 'merge': {
        const { type: _, file, ...merge } = m;
        return this.ui.set({ mode: 'merge', file, merge, issues: [], compare: undefined });
      }
      case 'assetPointers':
        return this.ui.set({ assetPointers: new Map(Object.entries(m.nodes)) });
      case 'opResult':
        this.pending.delete(m.seq);
        if (!m.ok) this.ui.set({ status: statusOf('error', m.message ?? 'the edit was rejected') });
        else if (this.resolving.delete(m.seq)) this.ui.set({ status: statusOf('info', 'Choices applied: save the file to keep them') });
        return;
      case 'command':
        if (m.command === 'selectAll') return this.select([...this.doc.nodeMap().keys()]);
        if (m.command === 'fitView') return this.emitView({ command: 'fitView' });
        if (m.kind) return this.emitView({ command: 'addNode', kind: m.kind as NodeKind });
        return this.log('warn', 'addNode command without a kind');
      case 'collabJoin':
        return this.collab.join(m.invite, m.signallingUrls, m.user, m.resume);
      case 'collabLeave':
        return this.collab.leave();
      case 'collabHistory':
        return this.collab.history(m.action, true);
      case 'presenceRelay':
        // A WebRTC session's awareness already carries presence; Live Share's relay would replace it.
        if (this.collab.active) return;
        return this.collab.presence.relay(m.user.name, m.colour, (state) => this.host.post({ type: 'presence', state }));
      case 'presenceRelayEnd':
        // A WebRTC session's awareness is the session's to end, not Live Share's.
        return this.collab.active ? undefined : this.collab.presence.detach();
      case 'presencePeers':
        return this.collab.presence.setPeers(m.peers);
    }
  }

  /** A local gesture. Checked with core's rules first: an op the host would refuse is never sent. */
  dispatch(op: Op): OpResult {
    const ui = this.ui.get();
    const lock = editLock(ui);
    if (lock) return this.refuse(lock);
    if (ui.mode !== 'canvas') return { ok: false, message: 'the canvas is not editable now' };
    const r = this.doc.applyOp(op, LOCAL);
    if (!r.ok) {
      this.ui.set({ status: statusOf('error', r.message) });
      return r;
    }
    // In session the shared canvas goes to the host as a whole (canvasCollab.ts), not as ops.
    if (this.collab.active) {
      this.collab.gestureEnded();
      return r;
    }
    const seq = ++this.seq;
    this.pending.set(seq, op);
    this.host.post({ type: 'op', seq, op });
    return r;
  }

  select(nodeIds: Iterable<string>, edgeIds: Iterable<string> = []): void {
    const selection = this.existing(nodeIds);
    const edges = new Set(edgeIds);
    this.ui.set({ selection, selectedEdges: edges.size ? edges : EMPTY });
    const key = [...selection].join(',');
    if (key !== this.postedSelection) {
      this.postedSelection = key;
      this.host.post({ type: 'selection', nodeIds: [...selection] });
    }
    this.saver.schedule();
  }

  /** The merge view's choices (conflict index → side) for the merge the host showed at `version`. */
  resolve(version: number, choices: ReadonlyMap<number, 'ours' | 'theirs'>): void {
    const seq = ++this.seq;
    this.resolving.add(seq);
    this.host.post({ type: 'resolve', seq, version, choices: [...choices].map(([index, side]) => ({ index, side })) });
  }

  /** The compare bar: leave compare mode, or make the canvas (or only `nodeIds`) what the compared version was. */
  compareAction(action: 'close' | 'restore', nodeIds?: readonly string[]): void {
    this.host.post({ type: 'compareAction', action, ...(nodeIds?.length && { nodeIds: [...nodeIds] }) });
  }

  /** The proposal bar and inspector: accept or reject these nodes of the proposal (all when none given), or close it. */
  proposalAction(action: 'accept' | 'reject' | 'close', nodeIds?: readonly string[]): void {
    this.host.post(nodeIds ? { type: 'proposalAction', action, nodeIds: [...nodeIds] } : { type: 'proposalAction', action });
  }

  history(action: 'undo' | 'redo'): void {
    if (this.collab.active) return this.collab.history(action);
    this.host.post({ type: 'history', action });
  }

  /** A palette command the canvas runs from its own shortcut (see CANVAS_SHORTCUT_COMMANDS). */
  runCommand(command: CanvasShortcutCommand): void {
    this.host.post({ type: 'runCommand', command });
  }

  /** The text editor, with the cursor at a problem when one is given (the error view's links). */
  openAsText(at?: { line: number; column: number }): void {
    this.host.post(at ? { type: 'openAsText', at: { line: at.line, column: at.column } } : { type: 'openAsText' });
  }

  /**
   * Pull from Git LFS: the error view's (the canvas file; the host then sends the canvas it reads) or,
   * with a node id, the inspector's (the files that node names; the host then sends `assetPointers`).
   */
  pullLfs(nodeId?: string): void {
    this.host.post(nodeId === undefined ? { type: 'lfsPull' } : { type: 'lfsPull', nodeId });
  }

  /** Shows or hides the port legend's colours; remembered in the webview's saved state. */
  setLegendOpen(open: boolean): void {
    this.ui.set({ legendOpen: open });
    this.saver.schedule();
  }

  setViewport(v: Viewport): void {
    this.viewport = v;
    this.saver.schedule();
  }

  notify(level: 'error' | 'info', text: string): void {
    this.ui.set({ status: statusOf(level, text) });
  }

  log(level: 'info' | 'warn' | 'error', message: string): void {
    this.host.post({ type: 'log', level, message: message.slice(0, 4000) });
  }

  onViewCommand(fn: (c: ViewCommand) => void): () => void {
    this.viewListeners.add(fn);
    return () => this.viewListeners.delete(fn);
  }

  dispose(): void {
    this.collab.leave();
    this.saver.flush();
    this.saver.dispose();
    this.doc.destroy();
  }

  private onDocument(m: DocumentMessage): void {
    if (this.collab.active) this.collab.onHostDocument(m.doc);
    else this.applyHostDocument(m.doc);
    const { selection } = this.ui.get();
    this.ui.set({
      mode: 'canvas', file: m.file, settings: m.settings, issues: [], merge: undefined, compare: undefined,
      readOnly: m.readOnly, selection: this.existing(selection),
    });
  }

  private applyHostDocument(from: BmadDocument): void {
    let doc: BmadDocument = from;
    for (const op of this.pending.values()) {
      const r = applyOp(doc, op);
      if (r.ok) doc = r.doc;
    }
    if (typeof __BMAD_BENCH__ !== 'undefined' && __BMAD_BENCH__) performance.mark('bmad:apply');
    this.doc.showDocument(doc, FILE);
    if (typeof __BMAD_BENCH__ !== 'undefined' && __BMAD_BENCH__) performance.measure('bmad:apply', 'bmad:apply');
  }

  /** Compare mode: the marked canvas (ghosts included) replaces what is shown; nothing here is editable. */
  private onCompare(m: CompareMessage): void {
    this.pending.clear();
    if (this.collab.active) this.doc.applyDocument(m.doc, FILE);
    else this.doc.showDocument(m.doc, FILE);
    const compare = {
      against: m.against,
      marks: new Map(Object.entries(m.marks)),
      changes: new Map(Object.entries(m.changes)),
      order: m.order,
      ...(m.proposal && { proposal: m.proposal }),
    };
    const { selection } = this.ui.get();
    this.ui.set({
      mode: 'compare', file: m.file, settings: m.settings, issues: [], merge: undefined, compare,
      readOnly: m.readOnly, selection: this.existing(selection),
    });
  }

  private refuse(message: string): OpResult {
    this.ui.set({ status: statusOf('error', message) });
    return { ok: false, message };
  }

  private existing(ids: Iterable<string>): ReadonlySet<string> {
    const nodes = this.doc.nodeMap();
    const out = new Set<string>();
    for (const id of ids) if (nodes.has(id)) out.add(id);
    return out.size ? out : EMPTY;
  }

  private emitView(c: ViewCommand): void {
    for (const fn of this.viewListeners) fn(c);
  }

  private savedSnapshot() {
    const { mode, file, selection, settings, legendOpen } = this.ui.get();
    if (mode === 'canvas' && this.docJson?.version !== this.doc.version) {
      this.docJson = { version: this.doc.version, text: JSON.stringify(this.doc.toJSON()) };
    }
    const docJson = mode === 'canvas' ? this.docJson?.text : undefined;
    return { file, docJson, viewport: this.viewport, selection: [...selection], settings, legendOpen };
  }
}
