import type { Edge, Node } from '@xyflow/react';
import type { NodeKind } from '../../../core/nodes';
import type { PortType } from '../../../core/ports';

/** Node card families: one memoized component each (see nodeTypes.ts). */
export type CardFamily = 'story' | 'cast' | 'generate' | 'audio' | 'finish' | 'ghost';

/** Everything a card shows, precomputed and plain (serializable) so cards only render. */
export type CardData = {
  readonly kind: NodeKind;
  /** What the header shows (core's nodeLabel): the label, or the kind's title when there is none. */
  readonly label: string;
  readonly title: string;
  readonly summary: readonly (readonly [string, string])[];
  readonly tier: string | undefined;
};

export type CardNode = Node<CardData, CardFamily>;
export type PortEdge = Edge<{ readonly portType: PortType }>;
