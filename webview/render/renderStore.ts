import { parseToWebview, type NodeRender } from '../../core/protocol';

/**
 * Render state per node, as the host last sent it (`renderState` messages). Kept outside the Y.Doc
 * and the UI store: it is not part of the document and changes many times a second while a render
 * runs, so each card subscribes to its own node only and nothing else re-renders.
 */
export class RenderStore {
  private readonly states = new Map<string, NodeRender>();
  private readonly listeners = new Map<string, Set<() => void>>();
  private readonly anyListeners = new Set<() => void>();

  get(id: string): NodeRender | undefined {
    return this.states.get(id);
  }

  subscribe(id: string, fn: () => void): () => void {
    let set = this.listeners.get(id);
    if (!set) this.listeners.set(id, (set = new Set()));
    set.add(fn);
    return () => {
      set.delete(fn);
      if (!set.size) this.listeners.delete(id);
    };
  }

  /** Called once per update that changed any node's state (the overview, which draws every node). */
  subscribeAll(fn: () => void): () => void {
    this.anyListeners.add(fn);
    return () => this.anyListeners.delete(fn);
  }

  /** `full` replaces every node's state; otherwise the nodes given are replaced and the rest kept. */
  apply(full: boolean, nodes: Readonly<Record<string, NodeRender>>): void {
    const changed = new Set<string>();
    if (full) for (const id of this.states.keys()) if (!(id in nodes)) changed.add(id);
    for (const id of changed) this.states.delete(id);
    for (const [id, r] of Object.entries(nodes)) {
      if (!sameRender(this.states.get(id), r)) changed.add(id);
      this.states.set(id, r);
    }
    for (const id of changed) for (const fn of this.listeners.get(id) ?? []) fn();
    if (changed.size) for (const fn of this.anyListeners) fn();
  }

  /**
   * Handles a raw message from the host if it is a `renderState` (others belong to the canvas
   * session). Only this one message type is parsed here, so documents are not parsed twice.
   */
  receive(raw: unknown): void {
    if (!raw || typeof raw !== 'object' || (raw as { type?: unknown }).type !== 'renderState') return;
    const parsed = parseToWebview(raw);
    if (parsed.ok && parsed.message.type === 'renderState') this.apply(parsed.message.full, parsed.message.nodes);
  }
}

function sameRender(a: NodeRender | undefined, b: NodeRender): boolean {
  return !!a && a.state === b.state && a.progress === b.progress && a.message === b.message && a.thumbnail === b.thumbnail && a.media?.src === b.media?.src && a.media?.kind === b.media?.kind;
}

/** The page's store. It listens from the moment the bundle loads, before the canvas says `ready`. */
export const renderStore = new RenderStore();
if (typeof window !== 'undefined') window.addEventListener('message', (e: MessageEvent<unknown>) => renderStore.receive(e.data));
