import * as Y from 'yjs';
import { applyOp, parseDocument, serializeDocument, validateDocument } from '../../core';
import type { ToHost } from '../../core/protocol';
import type { BmadDocument } from '../../core/schema';
import type { CollabOptions } from '../../webview/collab/provider';
import type { CollabTransport } from '../../webview/collab/canvasCollab';
import { DocSync, type SyncLink } from '../../webview/collab/docSync';
import type { HostChannel } from '../../webview/host/hostChannel';
import { CanvasDoc } from '../../webview/state/canvasDoc';
import { CanvasSession } from '../../webview/state/session';

const ROOM = 'room-of-tests';

/** One end of a link between two members; messages sent on it arrive at `to`, over `back` (its origin there). */
interface End extends SyncLink {
  readonly to: Member;
  back?: End;
}

interface Member {
  readonly sync: DocSync;
  readonly ends: End[];
}

/**
 * STAND-IN for WebRTC (which Node lacks; the real provider runs in Chromium in test/browser/collab and
 * the E2E): peers in one process whose links are direct calls. What goes over them is what the real
 * provider sends, made and read by the same code (DocSync: hello, sync steps, updates), so a join here
 * is the provider's join, and `bytes` counts what it would send. Messages wait in one queue, in order
 * (each link keeps its order, as the data channel does); `hold` keeps them there, to make edits
 * concurrent; `deliver` lets them through.
 */
export class SimulatedNetwork {
  private readonly members = new Set<Member>();
  private queue: (() => void)[] = [];
  private pumping = false;
  hold = false;
  /** Bytes of every message sent so far. */
  bytes = 0;

  connect = (o: CollabOptions): CollabTransport => {
    const ends: End[] = [];
    const self: Member = { sync: new DocSync(o.doc, o.awareness, o.fresh, () => ends), ends };
    const transport: CollabTransport = {
      on: (_name, f) => f,
      keepState: () => self.sync.keepState(),
      destroy: () => {
        self.sync.destroy();
        this.members.delete(self);
        for (const m of this.members) m.ends.splice(0, m.ends.length, ...m.ends.filter((e) => e.to !== self));
        ends.length = 0;
      },
      peers: [],
      status: 'connected',
    };
    const opened: End[] = [];
    for (const m of this.members) {
      const mine = this.end(m);
      const theirs = this.end(self);
      mine.back = theirs;
      theirs.back = mine;
      ends.push(mine);
      m.ends.push(theirs);
      opened.push(mine, theirs);
    }
    this.members.add(self);
    // Every end (owned by the member its twin leads to) says hello and sends its step 1 before any is read, as on data channels.
    this.pumping = true;
    for (const e of opened) e.back!.to.sync.opened(e);
    this.pumping = false;
    this.pump();
    return transport;
  };

  deliver(): void {
    this.hold = false;
    this.pump();
  }

  private end(to: Member): End {
    const e: End = {
      to,
      open: true,
      send: (message) => {
        this.bytes += message.length;
        this.queue.push(() => to.ends.includes(e.back!) && to.sync.received(e.back!, message));
        this.pump();
      },
    };
    return e;
  }

  private pump(): void {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (!this.hold && this.queue.length) this.queue.shift()!();
    } finally {
      this.pumping = false;
    }
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
