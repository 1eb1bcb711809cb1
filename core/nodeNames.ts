import { isNodeKind, NODE_KINDS } from './nodes';
import type { PortSpec } from './ports';

/**
 * The one way the studio names a node to a person, on cards and in every message (canvas hints,
 * notifications, the CLI, the log). A node is called by its label; the id is added only where the
 * label alone does not say which node is meant.
 */

export interface Nameable {
  readonly id: string;
  readonly kind: string;
  readonly label: string;
}

const titleOf = (kind: string): string => (isNodeKind(kind) ? NODE_KINDS[kind].title : kind);

/** What a card's header shows: the label, or the kind's title ("Image") for a node without one. */
export function nodeLabel(n: Nameable): string {
  return n.label.trim() || titleOf(n.kind);
}

/** How an accessible name or a heading reads: "Image Keyframe 1", or just "Image" without a label. */
export function nodeTitle(n: Nameable): string {
  const label = n.label.trim();
  const title = titleOf(n.kind);
  return label ? `${title} ${label}` : title;
}

/**
 * Names nodes among the others of one canvas: `"Shot 3 · clip"`, or `"Shot 3 · clip" (n_ab12)` when
 * another node shows the same label. Counts labels once, so naming many nodes stays linear.
 */
export class NodeNames {
  private readonly counts = new Map<string, number>();

  constructor(nodes: Iterable<Nameable>) {
    for (const n of nodes) {
      const l = nodeLabel(n);
      this.counts.set(l, (this.counts.get(l) ?? 0) + 1);
    }
  }

  of(n: Nameable): string {
    const label = nodeLabel(n);
    return (this.counts.get(label) ?? 0) > 1 ? withId(n) : `"${label}"`;
  }
}

const withId = (n: Nameable): string => `"${nodeLabel(n)}" (${n.id})`;

/**
 * A node's name in a message. With `among` (the canvas's nodes, or a NodeNames of them) the id is
 * added only when another node has the same label. Without it — the engine and the log, which see
 * one job and not its canvas — the id is always added: there it is what a person types next
 * (`bmad render --node ID`).
 */
export function nodeName(n: Nameable, among?: Iterable<Nameable> | NodeNames): string {
  if (!among) return withId(n);
  return (among instanceof NodeNames ? among : new NodeNames(among)).of(n);
}

/**
 * A port as a message names it: by its type ("the video output"), and by its card label too when
 * that says more than the type ("the image input "Keyframe"").
 */
export function portPhrase(p: Pick<PortSpec, 'type' | 'label'>, direction: 'input' | 'output'): string {
  const label = p.label.trim().toLowerCase();
  const same = label === p.type || label === `${p.type}s`;
  return same ? `the ${p.type} ${direction}` : `the ${p.type} ${direction} "${p.label}"`;
}

/** Kinds whose title does not take an "s": "2 audio nodes", not "2 audios". */
const UNCOUNTABLE = new Set(['audio']);

/** A count of nodes of one kind as a summary says it: "1 shot", "3 shots", "2 audio nodes". */
export function kindCount(kind: string, n: number): string {
  const title = titleOf(kind).toLowerCase();
  if (UNCOUNTABLE.has(kind)) return `${n} ${title} node${n === 1 ? '' : 's'}`;
  return `${n} ${title}${n === 1 ? '' : 's'}`;
}
