import type { NodeTypes } from '@xyflow/react';
import { AudioCard, CastCard, FinishCard, GenerateCard, GhostCard, StoryCard } from './cards';
import type { CardFamily } from './flowTypes';

/** Module-level so React Flow never sees a new object and never remounts every node. */
export const nodeTypes = {
  story: StoryCard,
  cast: CastCard,
  generate: GenerateCard,
  audio: AudioCard,
  finish: FinishCard,
  ghost: GhostCard,
} satisfies Record<CardFamily, NodeTypes[string]>;
