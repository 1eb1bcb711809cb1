import { kindSpec } from '../../../core/nodes';
import type { BmadEdge, BmadNode } from '../../../core/schema';
import type { PortEdge } from './flowTypes';

export function toFlowEdge(e: BmadEdge, source: BmadNode | undefined, selected: boolean): PortEdge {
  const portType = (source && kindSpec(source.kind).outputs.find((p) => p.id === e.sourcePort)?.type) ?? 'text';
  return {
    id: e.id,
    source: e.source,
    target: e.target,
    sourceHandle: e.sourcePort,
    targetHandle: e.targetPort,
    selected,
    className: `port-${portType}`,
    data: { portType },
  };
}
