import * as Y from 'yjs';
import { applyOp, parseDocument, serializeDocument, validateDocument } from '../../core';
import type { ToHost } from '../../core/protocol';
import type { BmadDocument } from '../../core/schema';
import type { CollabOptions } from '../../webview/collab/provider';
import type { CollabTransport } from '../../webview/collab/canvasCollab';
import type { HostChannel } from '../../webview/host/hostChannel';
import { CanvasDoc } from '../../webview/state/canvasDoc';
import { CanvasSession } from '../../webview/state/session';

const ROOM = 'room-of-tests';

/**
 * STAND-IN for WebRTC (which Node lacks; the real provider runs in Chromium in test/browser/collab and
 * the E2E): peers in one process whose Y.Docs exchange updates directly, each applied with the
 * receiving peer's transport as origin, as the real provider does. `hold` queues updates instead, to
 * make edits concurrent; `deliver` lets them through.
 */
export class SimulatedNetwork {
  private readonly members = new Set<{ doc: Y.Doc; transport: CollabTransport }>();
  private queue: (() => void)[] = [];
  hold = false;
  /** What every transport's `sent()` answers: a test holds it to see what waits for a send. */
  sending: Promise<void> = Promise.resolve();

  connect = (o: CollabOptions): CollabTransport => {
    const self = { doc: o.doc, transport: undefined as unknown as CollabTransport };
    const onUpdate = (update: Uint8Array, origin: unknown) => {
      if (origin === transport) return;
      for (const m of this.members) if (m !== self) this.send(() => Y.applyUpdate(m.doc, update, m.transport));
    };
    const transport: CollabTransport = {
      on: (_name, f) => f,
      destroy: () => {
        o.doc.off('update', onUpdate);
        this.members.delete(self);
      },
      peers: [],
      status: 'connected',
      sent: () => this.sending,
    };
    self.transport = transport;
    for (const m of this.members) {
      Y.applyUpdate(o.doc, Y.encodeStateAsUpdate(m.doc), transport);
      Y.applyUpdate(m.doc, Y.encodeStateAsUpdate(o.doc), m.transport);
    }
    this.members.add(self);
    o.doc.on('update', onUpdate);
    return transport;
  };

  deliver(): void {
    this.hold = false;
    for (const f of this.queue.splice(0)) f();
  }

  private send(f: () => void): void {
    if (this.hold) this.queue.push(f);
    else f();
  }
}

/** Every peer made, for settle(). */
const livePeers = new Set<SimulatedPeer>();

/**
 * A peer: the real webview session, and a host that does what extension/canvasSession.ts does with
 * `op` and `collabDoc` (validate, write the canonical text), keeps `collabSnapshot`s per room as
 * extension/collab/collabSnapshots.ts does, and can change the text from elsewhere.
 */
export class SimulatedPeer {
  readonly sent: ToHost[] = [];
  text: string;
  session!: CanvasSession;
  /** The host's kept snapshots, by room (the extension's workspaceState). */
  readonly snapshots = new Map<string, string>();

  constructor(file: BmadDocument, private readonly net: Pick<SimulatedNetwork, 'connect'>, clientID?: number) {
    livePeers.add(this);
    this.text = serializeDocument(file);
    this.open(clientID);
  }

  /** The canvas closes (its webview is gone) and opens again: a new page, a new Y.Doc, the same host. */
  reopen(clientID?: number): void {
    this.session.dispose();
    this.open(clientID);
  }

  private open(clientID: number | undefined): void {
    const channel: HostChannel = { post: (m) => this.onPost(m), getState: () => undefined, setState: () => undefined };
    const ydoc = new Y.Doc();
    // A fixed client id makes a seeded run replay exactly (Yjs breaks ties between concurrent writes by it).
    if (clientID !== undefined) ydoc.clientID = clientID;
    this.session = new CanvasSession(channel, new CanvasDoc(ydoc), this.net.connect);
    this.session.start();
    this.sendText();
  }

  /** The document in the text, as it would be saved. */
  get doc(): BmadDocument {
    const r = parseDocument(this.text);
    if (!r.ok) throw new Error(`the text does not parse: ${JSON.stringify(r.issues)}`);
    return r.doc;
  }

  /** Someone changed the text (a text editor, git): the host sends it to the canvas. */
  editText(doc: BmadDocument): void {
    this.text = serializeDocument(doc);
    this.sendText();
  }

  /** Joins the room, with the snapshot the host kept for it (as the Join command does). */
  join(): void {
    const resume = this.snapshots.get(ROOM);
    this.session.receive({
      type: 'collabJoin', invite: { room: ROOM, password: 'secret-password' }, signallingUrls: ['ws://127.0.0.1:1'],
      user: { name: 'simulated peer' }, ...(resume && { resume }),
    });
  }

  /** The host sends its text again (as after a save re-reads it). */
  sendText(): void {
    const doc = JSON.parse(JSON.stringify(this.doc)) as unknown;
    this.session.receive({ type: 'document', file: 'main.bmad', doc, settings: { snapToGrid: true, showMinimap: true } });
  }

  private onPost(m: ToHost): void {
    this.sent.push(structuredClone(m));
    if (m.type === 'collabSnapshot') this.snapshots.set(m.room, m.update);
    if (m.type === 'op') {
      const r = applyOp(this.doc, m.op);
      if (r.ok) this.text = serializeDocument(r.doc);
      queueMicrotask(() => this.session.receive({ type: 'opResult', seq: m.seq, ok: r.ok, ...(!r.ok && { message: r.message }) }));
    }
    if (m.type !== 'collabDoc') return;
    const v = validateDocument(m.doc);
    if (!v.ok) throw new Error(`the host was sent a canvas it would refuse: ${JSON.stringify(v.issues)}`);
    this.text = serializeDocument(v.doc);
  }
}

const nextTask = () => new Promise<void>((r) => setTimeout(r, 0));

/** Lets queued tasks run, until no peer has a change still to write to its host's text (the session paces those writes). */
export async function settle(): Promise<void> {
  do await nextTask();
  while ([...livePeers].some((p) => p.session.collab.writePending));
}
