/**
 * ComfyUI's API format: a map from node id to `{ class_type, inputs }`, where an input is a value or
 * a link `[node id, output index]`. Only core nodes of the ComfyUI version we test against are used
 * (../shared/vendor/comfyui), so a graph runs on any ComfyUI install without custom nodes.
 */
export type Link = readonly [string, number];
export type InputValue = string | number | boolean | Link;

export interface ApiNode {
  readonly class_type: string;
  readonly inputs: Readonly<Record<string, InputValue>>;
  /** Shown as the node's title when a person loads the graph in ComfyUI. */
  readonly _meta?: { readonly title: string };
}
export type ApiGraph = Readonly<Record<string, ApiNode>>;

/** Builds a graph node by node with ids 1, 2, 3… in the order added, so the same job gives the same JSON. */
export class GraphBuilder {
  private readonly nodes: Record<string, ApiNode> = {};
  private next = 1;

  /** Adds a node; `out(i)` links to its i-th output. */
  add(classType: string, inputs: Record<string, InputValue>, title?: string): { id: string; out: (i?: number) => Link } {
    const id = String(this.next++);
    this.nodes[id] = { class_type: classType, inputs, ...(title ? { _meta: { title } } : {}) };
    return { id, out: (i = 0) => [id, i] as const };
  }

  build(): ApiGraph {
    return { ...this.nodes };
  }
}
