import { Awareness } from 'y-protocols/awareness';
import { fromBase64 } from 'lib0/buffer';
import * as Y from 'yjs';
import type { CollabInvite } from '../../core/collabLink';
import type { CollabUser } from '../../core/presence';
import type { ToHost } from '../../core/protocol';
import { validateDocument, type BmadDocument, type BmadNode } from '../../core/schema';
import { serializeDocument } from '../../core/serialize';
import type { CanvasDoc, DocChange } from '../state/canvasDoc';
import { FILE, LOCAL } from '../state/origins';
import { afterNextFrame, drawNowOrAtFrame } from '../state/nextFrame';
import { benchSpan } from '../bench/benchSpans';
import { connect, type CollabOptions, type CollabProvider } from './connect';
import { Presence } from './presence';
import { invalidEdges, rebaseOnto } from './sharedGraph';
import { Snapshots } from './snapshots';

/** Origin of the edge deletions every peer makes alike after a merge (see invalidEdges). */
const REPAIR = 'repair';
/** Recent texts the host was sent or sent us; a `document` with one of these is not a new change. */
const KNOWN_TEXTS = 32;
/**
 * The host's text gets the shared canvas at most this often. Each write serializes and posts the
 * whole canvas, and the host diffs it into the TextDocument: at 100 remote edits a second that was a
 * fifth of the page's time (bench:collab), and the text only needs to be current when it is saved.
 */
const HOST_WRITE_GAP_MS = 50;

/** What the session needs of a provider; the unit tests' simulated peers implement it too. */
export type CollabTransport = Pick<CollabProvider, 'on' | 'destroy' | 'peers' | 'status' | 'keepState'>;

export interface CollabHost {
  post(message: ToHost): void;
  notify(level: 'error' | 'info', text: string): void;
}

/**
 * A collaboration session on the canvas's Y.Doc. While it runs the shared Y.Doc is the live state:
 * local gestures change it with origin LOCAL, peers' updates arrive with their link as origin, and
 * whatever the result, the host is sent the whole canvas to write as canonical text whenever it
 * differs from what the host's text holds. Nothing in session goes to the host as an op, so a write
 * the host refuses never resets the shared canvas (and so never anyone else's work).
 *
 * Undo is this peer's own: a Y.UndoManager that tracks only LOCAL, one step per gesture.
 */
export class CanvasCollab {
  private provider: CollabTransport | undefined;
  private awareness: Awareness | undefined;
  private undo: Y.UndoManager | undefined;
  private room = '';
  private stopListening: (() => void) | undefined;
  private readonly known: string[] = [];
  /** The document the host's text holds, as far as this side knows: the base of external changes. */
  private hostDoc: BmadDocument | undefined;
  private lastPosted: string | undefined;
  private flushQueued = false;
  private lastFlushAt = Number.NEGATIVE_INFINITY;
  private lastStatus = '';
  private stopPresence: (() => void) | undefined;
  private snapshots: Snapshots | undefined;
  /** Each node's kind when the edges were last known valid: edges depend only on which nodes exist, and their kinds. */
  private readonly kinds = new Map<string, BmadNode['kind']>();

  constructor(
    private readonly doc: CanvasDoc,
    private readonly host: CollabHost,
    private readonly connectTo: (o: CollabOptions) => CollabTransport = connect,
    readonly presence: Presence = new Presence(),
  ) {}

  get active(): boolean {
    return this.provider !== undefined;
  }

  /** Whether a change is still to be written to the host's text (it goes within HOST_WRITE_GAP_MS). */
  get writePending(): boolean {
    return this.flushQueued;
  }

  /** `resume`: this peer's last snapshot of the room (base64), when the host kept one. */
  join(invite: CollabInvite, signallingUrls: readonly string[], user: CollabUser, resume?: string): void {
    this.leave();
    if (resume !== undefined) this.resume(fromBase64(resume));
    const { ydoc, nodesRoot, edgesRoot } = this.doc;
    this.hostDoc = this.doc.toJSON();
    this.lastPosted = this.remember(serializeDocument(this.hostDoc));
    this.room = invite.room;
    this.awareness = new Awareness(ydoc);
    this.undo = new Y.UndoManager([nodesRoot, edgesRoot], { trackedOrigins: new Set([LOCAL]) });
    this.kinds.clear();
    for (const [id, n] of this.doc.nodeMap()) this.kinds.set(id, n.kind);
    this.stopListening = this.doc.onChange((c) => this.onChange(c));
    // Drawing this peer's gesture waits until its update is sent: Yjs emits the update (which the
    // provider sends at once) after the transaction's observers, where this is asked, so a microtask.
    // Everything else (peers' updates, above all) is drawn at once, or when another came since the
    // last frame, at the next frame with the rest: each data-channel message is a task of its own, and
    // drawn one by one, a backlog of a few made frames of 50-100 ms (bench/collab/profileLatency.ts).
    this.doc.viewAfter = (c) => (c.origin === LOCAL ? Promise.resolve() : drawNowOrAtFrame());
    // Before connecting, so that the first awareness message a peer gets already says who we are.
    this.presence.attach(this.awareness, user.name);
    this.stopPresence = this.presence.view.subscribe(() => this.sendStatus());
    const seed = this.doc.seedClient;
    // Without a snapshot this peer has never synced with the room: if its canvas is not the room's, it takes the room's.
    const fresh = resume === undefined && seed !== undefined ? { seed, takeTheirs: () => this.takeRoomCanvas() } : undefined;
    const p = this.connectTo({ doc: ydoc, awareness: this.awareness, room: invite.room, password: invite.password, signallingUrls, fresh });
    this.provider = p;
    this.snapshots = new Snapshots(p, (update) => this.host.post({ type: 'collabSnapshot', room: this.room, update }));
    const status = (problem?: string) => this.sendStatus(problem);
    p.on('peers', () => status());
    p.on('status', () => status());
    p.on('problem', (x) => {
      this.host.post({ type: 'log', level: 'warn', message: `collaboration: ${x.message}`.slice(0, 4000) });
      if (x.kind === 'version') {
        this.host.notify('error', `a peer cannot join: ${x.message}`);
        status('a peer runs another version');
        return;
      }
      if (x.kind !== 'decrypt') return;
      this.host.notify('error', 'a peer uses another password: check the session link');
      status('a peer uses another password');
    });
    status();
  }

  leave(): void {
    if (!this.provider) return;
    // A write still waiting for its task goes now: the host keeps the last state the session had.
    if (this.flushQueued) this.flushToHost();
    this.snapshots?.stop();
    this.snapshots = undefined;
    // While the links are open: our awareness state's removal reaches the peers at once.
    this.stopPresence?.();
    this.presence.detach();
    this.provider.destroy();
    this.undo?.destroy();
    this.awareness?.destroy();
    this.stopListening?.();
    this.doc.viewAfter = undefined;
    this.provider = this.undo = this.awareness = this.stopListening = this.stopPresence = undefined;
    this.sendStatus();
  }

  /** A local gesture has been applied: the next one is a new undo step (never merged by time). */
  gestureEnded(): void {
    this.undo?.stopCapturing();
  }

  /**
   * Undo or redo of this peer's own gestures. `fromText`: VS Code's Edit › Undo already changed the
   * host's text, which must get the shared state back even when there is nothing of ours to undo.
   */
  history(action: 'undo' | 'redo', fromText = false): void {
    if (action === 'undo') this.undo?.undo();
    else this.undo?.redo();
    if (fromText) {
      this.lastPosted = undefined;
      this.scheduleFlush();
    }
  }

  /** A `document` from the host while in session: our own state coming back, or a change to the text. */
  onHostDocument(incoming: BmadDocument): void {
    const text = serializeDocument(incoming);
    if (this.known.includes(text)) return;
    const merged = rebaseOnto(this.hostDoc ?? incoming, incoming, this.doc.toJSON());
    this.hostDoc = incoming;
    this.lastPosted = this.remember(text);
    this.doc.applyDocument(merged, FILE);
  }

  /**
   * Rejoining: the session's history comes first, then this peer's file as its edits (CanvasDoc.adopt).
   * A page that stayed open since it left still has that history (and its own edits on top): it keeps it.
   */
  private resume(update: Uint8Array): void {
    const have = Y.decodeStateVector(Y.encodeStateVector(this.doc.ydoc));
    const need = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(update));
    if ([...need].every(([client, clock]) => (have.get(client) ?? 0) >= clock)) return;
    this.doc.adopt(update);
  }

  /**
   * This fresh peer's canvas is not the room's (seedGate.ts): the room's state goes into an empty Y.Doc
   * instead, and when it arrives, the host is sent it to write as an ordinary edit of its text.
   */
  private takeRoomCanvas(): Y.Doc {
    this.doc.restart();
    this.undo?.destroy();
    this.undo = new Y.UndoManager([this.doc.nodesRoot, this.doc.edgesRoot], { trackedOrigins: new Set([LOCAL]) });
    this.host.notify('info', "this file differs from the session's canvas: showing the session's (your file gets it as an unsaved edit)");
    return this.doc.ydoc;
  }

  private onChange(c: DocChange): void {
    this.snapshots?.changed();
    const structural = this.structural(c);
    if (structural && c.origin !== LOCAL && c.origin !== REPAIR) {
      const bad = invalidEdges(this.doc.toJSON());
      if (bad.length) this.doc.transact(() => bad.forEach((id) => this.doc.edgesRoot.delete(id)), REPAIR);
    }
    this.scheduleFlush();
  }

  /**
   * Whether a change can have made an edge invalid: it touched edges, or added, removed or re-kinded
   * a node. Moves and param edits (nearly every gesture) cannot, and skip the whole-graph check.
   */
  private structural(c: DocChange): boolean {
    let changed = c.edges.size > 0;
    for (const id of c.nodes) {
      const kind = this.doc.getNode(id)?.kind;
      if (kind === this.kinds.get(id)) continue;
      changed = true;
      if (kind === undefined) this.kinds.delete(id);
      else this.kinds.set(id, kind);
    }
    return changed;
  }

  /**
   * After the frame that shows the change: a burst of updates becomes one write, and serializing and
   * posting the whole canvas (a millisecond at 50 nodes, 50-100 ms at 5,000) never holds back the
   * paint of what changed (a late joiner's first sight of the room's canvas waited for it). After a
   * quiet spell the write goes in the task after that frame; during a burst, one write per
   * HOST_WRITE_GAP_MS carries the latest.
   */
  private scheduleFlush(): void {
    if (this.flushQueued) return;
    this.flushQueued = true;
    afterNextFrame(() => {
      const write = () => this.flushQueued && benchSpan('bmad:collab:post', () => this.flushToHost());
      const wait = this.lastFlushAt + HOST_WRITE_GAP_MS - performance.now();
      if (wait > 0) setTimeout(write, wait);
      else write();
    });
  }

  private flushToHost(): void {
    this.flushQueued = false;
    this.lastFlushAt = performance.now();
    if (!this.provider) return;
    const doc = this.doc.toJSON();
    if (midDelivery(this.doc.ydoc) && !validateDocument(doc).ok) return;
    const text = serializeDocument(doc);
    if (text === this.lastPosted) return;
    this.lastPosted = this.remember(text);
    this.hostDoc = doc;
    this.host.post({ type: 'collabDoc', doc: asMessage(doc) });
  }

  private remember(text: string): string {
    this.known.push(text);
    if (this.known.length > KNOWN_TEXTS) this.known.shift();
    return text;
  }

  /** Posted only when it changes: presence changes (a pointer moving) come many times a second. */
  private sendStatus(problem?: string): void {
    const p = this.provider;
    const names = this.presence.view.get().peers.map((x) => x.name);
    const state = !p ? 'off' : p.status === 'connected' ? 'connected' : 'connecting';
    const status: ToHost = !p
      ? { type: 'collabStatus', state: 'off', peers: 0 }
      : { type: 'collabStatus', state, room: this.room, peers: p.peers.filter((x) => x.open).length, names, ...(problem && { problem }) };
    const key = JSON.stringify(status);
    if (key === this.lastStatus) return;
    this.lastStatus = key;
    this.host.post(status);
  }
}

/**
 * An update arrived before one it depends on (e.g. the link of the peer that made that one closed
 * first): Yjs keeps it pending until the sync brings the rest, but has already applied its deletions,
 * so a param can be missing meanwhile. Such a canvas is not written (the host would refuse it); the
 * update that completes it changes the doc, and that change writes it.
 */
const midDelivery = (ydoc: Y.Doc): boolean => ydoc.store.pendingStructs !== null || ydoc.store.pendingDs !== null;

type DocPayload = Extract<ToHost, { type: 'collabDoc' }>['doc'];
/** The mirror holds nodes built by core's nodeFrom, which the protocol types as the per-kind union. */
const asMessage = (doc: BmadDocument): DocPayload => doc as unknown as DocPayload;
