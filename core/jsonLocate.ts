import type { DocIssue } from './issues';
import { parseTree, type JsonNode } from './jsonc';

/**
 * Where in the text a schema problem is: the offset of the value its JSON path names, or of the
 * deepest part of the path that exists (paths may name a member that is missing). An unknown key
 * points at the key itself. The tree is built once per text, only when there is something to locate,
 * and each lookup walks the path: a member of an object by name, an element of an array by index.
 */
export class PathLocator {
  private root: JsonNode | undefined;

  constructor(private readonly text: string) {}

  offsetOf(issue: DocIssue): number {
    const root = (this.root ??= parseTree(this.text));
    if (!root) return 0;
    const unknown = /^unknown keys? "([^"]*)"/.exec(issue.message);
    let node = root;
    for (const step of issue.path) {
      const next = child(node, step);
      if (!next) return node.offset;
      node = next;
    }
    const key = unknown && member(node, unknown[1]!)?.children?.[0];
    return key ? key.offset : node.offset;
  }

  /** The offset of the key of the member `path` names (a render.lock key, say), else of the deepest part found. */
  keyOffsetOf(path: readonly (string | number)[]): number {
    const last = path[path.length - 1];
    if (typeof last !== 'string') return this.offsetOf({ path, message: '' });
    return this.offsetOf({ path: path.slice(0, -1), message: `unknown key ${JSON.stringify(last)}` });
  }
}

function child(node: JsonNode, step: string | number): JsonNode | undefined {
  if (node.type === 'array') return typeof step === 'number' ? node.children?.[step] : undefined;
  return typeof step === 'string' ? member(node, step)?.children?.[1] : undefined;
}

/** The property node of a key; the last one if the key repeats, because JSON.parse keeps the last. */
function member(node: JsonNode, key: string): JsonNode | undefined {
  if (node.type !== 'object') return undefined;
  const props = node.children ?? [];
  for (let i = props.length - 1; i >= 0; i--) if (props[i]!.children?.[0]?.value === key) return props[i];
  return undefined;
}
