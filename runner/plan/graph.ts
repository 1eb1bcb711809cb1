import { NodeNames, type BmadDocument, type BmadNode, type NodeKind, type NodeOf } from '../../core';

/** A canvas indexed for planning: who feeds which input port, who consumes which node. */
export class CanvasGraph {
  readonly nodes = new Map<string, BmadNode>();
  private readonly into = new Map<string, { node: BmadNode; port: string }[]>();
  private readonly from = new Map<string, { node: BmadNode; port: string }[]>();
  private names: NodeNames | undefined;

  constructor(readonly doc: BmadDocument) {
    for (const n of doc.nodes) this.nodes.set(n.id, n);
    // Sorted by edge id so every walk sees edges in the same order on every machine.
    for (const e of [...doc.edges].sort((a, b) => (a.id < b.id ? -1 : 1))) {
      const s = this.nodes.get(e.source);
      const t = this.nodes.get(e.target);
      if (!s || !t) continue;
      push(this.into, e.target, { node: s, port: e.targetPort });
      push(this.from, e.source, { node: t, port: e.targetPort });
    }
  }

  node(id: string): BmadNode {
    const n = this.nodes.get(id);
    if (!n) throw new Error(`no node "${id}" in the canvas`);
    return n;
  }

  /** Nodes connected to `id`'s input `port` (every port when omitted), optionally of one kind. */
  inputs(id: string, port?: string): BmadNode[];
  inputs<K extends NodeKind>(id: string, port: string | undefined, kind: K): NodeOf<K>[];
  inputs(id: string, port?: string, kind?: NodeKind): BmadNode[] {
    return (this.into.get(id) ?? []).filter((l) => (port === undefined || l.port === port) && (kind === undefined || l.node.kind === kind)).map((l) => l.node);
  }

  /** Nodes that take `id` as an input, optionally of one kind. */
  consumers(id: string): BmadNode[];
  consumers<K extends NodeKind>(id: string, kind: K): NodeOf<K>[];
  consumers(id: string, kind?: NodeKind): BmadNode[] {
    return (this.from.get(id) ?? []).filter((l) => kind === undefined || l.node.kind === kind).map((l) => l.node);
  }

  /** Every node in dependency order (Kahn's algorithm, ties broken by id so the order is stable). */
  topological(): BmadNode[] {
    const indegree = new Map<string, number>([...this.nodes.keys()].map((id) => [id, this.inputs(id).length]));
    const ready = [...indegree].filter(([, d]) => d === 0).map(([id]) => id).sort();
    const out: BmadNode[] = [];
    while (ready.length) {
      const id = ready.shift()!;
      out.push(this.node(id));
      for (const c of this.consumers(id)) {
        const d = indegree.get(c.id)! - 1;
        indegree.set(c.id, d);
        if (d === 0) insertSorted(ready, c.id);
      }
    }
    return out;
  }

  /** How messages name the node: by label, with the id when another node of the canvas has the same. */
  name(id: string): string {
    return (this.names ??= new NodeNames(this.doc.nodes)).of(this.node(id));
  }
}

function push<V>(m: Map<string, V[]>, k: string, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

function insertSorted(list: string[], id: string): void {
  let i = 0;
  while (i < list.length && list[i]! < id) i++;
  list.splice(i, 0, id);
}
