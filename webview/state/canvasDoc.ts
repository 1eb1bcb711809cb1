import * as Y from 'yjs';
import { applyOp, type Op, type OpResult } from '../../core/ops';
import { serializeDocument } from '../../core/serialize';
import { SCHEMA_VERSION, type BmadDocument, type BmadEdge, type BmadNode } from '../../core/schema';
import { benchSpan } from '../bench/benchSpans';
import { diffIntoY } from './docDiff';
import { FILE } from './origins';
import { seedClientId } from './seedClient';
import { edgeFromY, nodeFromY, type YNode } from './yNode';

/** Below this many nodes a wholesale replacement costs little either way; the Y.Doc is kept. */
const MIN_NODES_TO_RESTART = 500;

/** What one transaction changed, with the origin that made it (see origins.ts). */
export interface DocChange {
  readonly origin: unknown;
  readonly nodes: ReadonlySet<string>;
  readonly edges: ReadonlySet<string>;
}

/**
 * The one owner of the canvas Y.Doc (jupyter_ydoc style): fixed root names, `transact(fn, origin)`,
 * plain JSON in and out. A plain mirror of every node and edge is kept up to date from Y events, so
 * readers never walk Y types, unchanged nodes keep their object identity (React can skip them), and a
 * change made by any provider — file, local gesture, or a future peer — is seen the same way.
 */
export class CanvasDoc {
  /** Root names are part of the wire format of a shared canvas: never rename them. */
  static readonly ROOTS = { nodes: 'nodes', edges: 'edges', meta: 'meta' } as const;

  // Replaced only by adopt(), before a session starts (see there); nothing else keeps them.
  ydoc!: Y.Doc;
  nodesRoot!: Y.Map<YNode>;
  edgesRoot!: Y.Map<unknown>;
  meta!: Y.Map<unknown>;
  /** Bumped once per transaction that changed anything; cheap change detection for the view. */
  version = 0;
  /** The client id the Y.Doc's first state was written under (seedClient.ts), while that state is its base. */
  seedClient: number | undefined;

  private readonly nodes = new Map<string, BmadNode>();
  private readonly edges = new Map<string, BmadEdge>();
  private readonly listeners = new Set<(c: DocChange) => void>();
  private readonly viewListeners = new Set<(c: DocChange) => void>();
  /**
   * When set and it returns a promise for a change, the view hears of that change once the promise
   * settles (see onViewChange); a collaboration session sets it (canvasCollab.ts). Changes held by
   * the same promise reach the view as one change, naming every id they touched.
   */
  viewAfter: ((c: DocChange) => Promise<void> | undefined) | undefined;
  /** The changes each pending viewAfter promise holds, merged (see flush). */
  private readonly held = new Map<Promise<void>, { origin: unknown; nodes: Set<string>; edges: Set<string> }>();
  private pendingNodes = new Set<string>();
  private pendingEdges = new Set<string>();
  /** Nodes written whole in the current transaction, keyed by id (see diffIntoY). */
  private readonly written = new Map<string, BmadNode>();
  private cached: { version: number; doc: BmadDocument } | undefined;

  constructor(ydoc: Y.Doc = new Y.Doc()) {
    this.bind(ydoc);
  }

  /**
   * Makes `update` (a session's Y.Doc state, kept while this peer was away) the Y.Doc's history, and
   * then what the canvas showed (this peer's file) its newest local change. Why a new Y.Doc rather
   * than applying the update to this one: this one was built from the file by a fresh client, so each
   * of its nodes is a Y.Map nobody else has; merged with the session's, one of the two would win each
   * node WHOLE (Y.Map keeps one value per key), dropping either the others' edits or this peer's.
   * On the session's history, the file's differences are written field by field and param by param,
   * and merge with what others did meanwhile as any concurrent edit does.
   */
  adopt(update: Uint8Array): void {
    const shown = this.toJSON();
    const ydoc = new Y.Doc();
    Y.applyUpdate(ydoc, update, FILE);
    this.ydoc.off('afterTransaction', this.flush);
    this.ydoc.destroy();
    this.bind(ydoc);
    // Every id shown before or after is in the one change listeners get (the view re-reads them).
    const nodesBefore = [...this.nodes.keys()];
    const edgesBefore = [...this.edges.keys()];
    this.nodes.clear();
    this.edges.clear();
    this.nodesRoot.forEach((y, id) => this.nodes.set(id, nodeFromY(id, y)));
    this.edgesRoot.forEach((v, id) => {
      const e = edgeFromY(id, v);
      if (e) this.edges.set(id, e);
    });
    this.pendingNodes = new Set([...nodesBefore, ...this.nodes.keys()]);
    this.pendingEdges = new Set([...edgesBefore, ...this.edges.keys()]);
    this.seedClient = undefined;
    this.applyDocument(shown, FILE);
  }

  /**
   * Drops this Y.Doc for an empty one that a session's state is about to fill (a fresh joiner taking
   * the room's canvas, seedGate.ts). The old doc is left to its other users (the session's awareness
   * was made on it), not destroyed. The canvas keeps showing what it showed until the room's state
   * arrives: then every id it shows is re-read in that one change, and those the room lacks go.
   */
  restart(): void {
    this.ydoc.off('afterTransaction', this.flush);
    this.bind(new Y.Doc());
    this.seedClient = undefined;
    this.written.clear();
    this.pendingNodes = new Set(this.nodes.keys());
    this.pendingEdges = new Set(this.edges.keys());
  }

  private bind(ydoc: Y.Doc): void {
    this.ydoc = ydoc;
    this.nodesRoot = ydoc.getMap<YNode>(CanvasDoc.ROOTS.nodes);
    this.edgesRoot = ydoc.getMap<unknown>(CanvasDoc.ROOTS.edges);
    this.meta = ydoc.getMap<unknown>(CanvasDoc.ROOTS.meta);
    this.nodesRoot.observeDeep((events) => {
      for (const ev of events) {
        if (ev.target === this.nodesRoot) for (const k of (ev as Y.YMapEvent<YNode>).keysChanged) this.pendingNodes.add(k);
        else if (typeof ev.path[0] === 'string') this.pendingNodes.add(ev.path[0]);
      }
    });
    this.edgesRoot.observe((ev) => ev.keysChanged.forEach((k) => this.pendingEdges.add(k)));
    ydoc.on('afterTransaction', this.flush);
  }

  /** Runs `fn` as one transaction; observers see a single change tagged with `origin`. */
  transact(fn: () => void, origin: unknown): void {
    this.ydoc.transact(fn, origin);
  }

  /** Every change, as its transaction ends: for state kept beside the document (sessions, saves). */
  onChange(fn: (c: DocChange) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /**
   * Changes for the view (React). The same as onChange, except that a change `viewAfter` holds comes
   * after its promise: in a session, this peer's own gesture is drawn once its update is on its way
   * to the peers, so that drawing it (milliseconds of React) never delays sending it.
   */
  onViewChange(fn: (c: DocChange) => void): () => void {
    this.viewListeners.add(fn);
    return () => this.viewListeners.delete(fn);
  }

  getNode(id: string): BmadNode | undefined {
    return this.nodes.get(id);
  }

  getEdge(id: string): BmadEdge | undefined {
    return this.edges.get(id);
  }

  nodeMap(): ReadonlyMap<string, BmadNode> {
    return this.nodes;
  }

  edgeMap(): ReadonlyMap<string, BmadEdge> {
    return this.edges;
  }

  /** The canvas as a plain document (cached per version; node objects are shared, not copied). */
  toJSON(): BmadDocument {
    if (this.cached?.version !== this.version) {
      this.cached = { version: this.version, doc: { version: SCHEMA_VERSION, nodes: [...this.nodes.values()], edges: [...this.edges.values()] } };
    }
    return this.cached.doc;
  }

  /** Makes the Y.Doc equal to `doc` by writing only what differs, so viewers keep their state. */
  applyDocument(doc: BmadDocument, origin: unknown): void {
    if (this.ydoc.store.clients.size === 0) return this.seed(doc, origin);
    this.transact(() => {
      this.meta.get('version') !== doc.version && this.meta.set('version', doc.version);
      diffIntoY(this, doc, this.written);
    }, origin);
  }

  /**
   * applyDocument for a Y.Doc no provider holds (no session): a document that keeps fewer than half
   * the nodes shown (a compare with a canvas of other ids, and back) starts a new Y.Doc seeded with it
   * instead. Deleting thousands of Y.Maps in one transaction makes Yjs merge their garbage-collected
   * structs one array splice at a time (tryToMergeWithLefts), quadratic in the structs of the doc:
   * seconds for 5,000 nodes. Listeners get one change naming every node and edge before and after.
   */
  showDocument(doc: BmadDocument, origin: unknown): void {
    let kept = 0;
    for (const n of doc.nodes) if (this.nodes.has(n.id)) kept++;
    if (this.nodes.size < MIN_NODES_TO_RESTART || kept * 2 >= this.nodes.size) return this.applyDocument(doc, origin);
    const nodesBefore = [...this.nodes.keys()];
    const edgesBefore = [...this.edges.keys()];
    this.ydoc.off('afterTransaction', this.flush);
    this.ydoc.destroy();
    this.bind(new Y.Doc());
    this.nodes.clear();
    this.edges.clear();
    this.pendingNodes = new Set(nodesBefore);
    this.pendingEdges = new Set(edgesBefore);
    this.seed(doc, origin);
  }

  /**
   * The first state of a Y.Doc that has none, written under a client id derived from the canonical
   * text (seedClient.ts says why). What is written is the canonical text read back, so that its key
   * order (params, nested values) and node order are the text's: the same text gives the same Yjs
   * items, ids and contents, on every page. JSON.parse, not parseDocument: `doc` is valid already
   * (the host sent it, checked), and validating 5,000 nodes again took 110-320 ms here.
   */
  private seed(doc: BmadDocument, origin: unknown): void {
    const text = serializeDocument(doc);
    const canonical = JSON.parse(text) as BmadDocument;
    const own = this.ydoc.clientID;
    this.ydoc.clientID = this.seedClient = seedClientId(text);
    try {
      this.transact(() => {
        this.meta.set('version', doc.version);
        diffIntoY(this, canonical, this.written);
      }, origin);
    } finally {
      this.ydoc.clientID = own;
    }
    // The Y items are in the text's order; readers get the nodes and edges in the order they gave.
    reorder(this.nodes, doc.nodes);
    reorder(this.edges, doc.edges);
    this.cached = undefined;
  }

  /** Applies a core op with core's own rules (so both sides agree on the result), then writes the diff. */
  applyOp(op: Op, origin: unknown): OpResult {
    const r = applyOp(this.toJSON(), op);
    if (r.ok) this.applyDocument(r.doc, origin);
    return r;
  }

  destroy(): void {
    this.ydoc.off('afterTransaction', this.flush);
    this.listeners.clear();
    this.viewListeners.clear();
  }

  private readonly flush = (tr: Y.Transaction): void => {
    if (this.pendingNodes.size === 0 && this.pendingEdges.size === 0) return;
    const nodes = this.pendingNodes;
    const edges = this.pendingEdges;
    this.pendingNodes = new Set();
    this.pendingEdges = new Set();
    benchSpan('bmad:doc:flush', () => this.mirror(nodes, edges));
    this.version++;
    const change: DocChange = { origin: tr.origin, nodes, edges };
    for (const fn of this.listeners) fn(change);
    const after = this.viewAfter?.(change);
    if (!after) return this.tellView(change);
    const merged = this.held.get(after);
    if (merged) {
      merged.origin = change.origin;
      for (const id of nodes) merged.nodes.add(id);
      for (const id of edges) merged.edges.add(id);
      return;
    }
    this.held.set(after, { origin: change.origin, nodes: new Set(nodes), edges: new Set(edges) });
    const tell = () => {
      const c = this.held.get(after);
      this.held.delete(after);
      if (c) this.tellView(c);
    };
    void after.then(tell, tell);
  };

  private tellView(change: DocChange): void {
    for (const fn of this.viewListeners) fn(change);
  }

  /** Brings the plain mirror up to date for the ids a transaction touched. */
  private mirror(nodes: ReadonlySet<string>, edges: ReadonlySet<string>): void {
    for (const id of nodes) {
      const y = this.nodesRoot.get(id);
      const whole = this.written.get(id);
      if (y) this.nodes.set(id, whole ?? nodeFromY(id, y));
      else this.nodes.delete(id);
    }
    this.written.clear();
    for (const id of edges) {
      const e = edgeFromY(id, this.edgesRoot.get(id));
      if (e) this.edges.set(id, e);
      else this.edges.delete(id);
    }
  }
}

/** Puts `map`'s entries in the order of `order` (same ids), keeping the values. */
function reorder<T>(map: Map<string, T>, order: readonly { id: string }[]): void {
  const entries = order.map((x) => [x.id, map.get(x.id)] as const);
  if (entries.length !== map.size || entries.some(([, v]) => v === undefined)) return;
  map.clear();
  for (const [id, v] of entries) map.set(id, v as T);
}
