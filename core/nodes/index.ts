import { audio } from './audio';
import { character } from './character';
import { edit } from './edit';
import { image } from './image';
import type { NodeKindSpec } from './kind';
import { output } from './output';
import { scene } from './scene';
import { script } from './script';
import { shot } from './shot';
import { style } from './style';
import { video } from './video';

/** Every node kind, in the order a film flows: the quick pick and the palette list them like this. */
export const NODE_KINDS = {
  script,
  scene,
  shot,
  character,
  style,
  image,
  video,
  audio,
  edit,
  output,
} as const;

export type NodeKind = keyof typeof NODE_KINDS;
export const KIND_NAMES = Object.keys(NODE_KINDS) as NodeKind[];

export function isNodeKind(kind: string): kind is NodeKind {
  return Object.prototype.hasOwnProperty.call(NODE_KINDS, kind);
}

export function kindSpec(kind: NodeKind): NodeKindSpec {
  return NODE_KINDS[kind] as unknown as NodeKindSpec;
}

export { takesTier, type NodeKindSpec } from './kind';
