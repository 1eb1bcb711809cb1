import { z } from 'zod';
import { NODE_KINDS, type BmadDocument, type NodeKind } from '../../core';
import type { ChatMessage } from './openaiClient';

/** What the director is asked for; each gets the part of the canvas it is about. */
export type AgentTask = 'shot' | 'style';

const KINDS_FOR: Readonly<Record<AgentTask, readonly NodeKind[]>> = {
  shot: ['scene', 'shot', 'character', 'style'],
  style: ['style', 'scene'],
};
/** What the model may change or make, by task. */
const EDITABLE: Readonly<Record<AgentTask, NodeKind>> = { shot: 'shot', style: 'style' };
/** A canvas larger than this is sent in part: a model's context is finite. */
const MAX_CONTEXT_NODES = 400;

const OPS_HELP = `Answer with one JSON object and nothing else: {"summary": "<one or two sentences for the director>", "ops": [<op>, …]}.
Ops (applied in order, all or nothing):
- {"type": "setParams", "id": "<node id>", "params": {<param>: <value>, …}}  (only the params that change)
- {"type": "rename", "id": "<node id>", "label": "<label>"}
- {"type": "insert", "nodes": [{"id": "n_<8 letters or digits>", "kind": "<kind>", "label": "…", "position": {"x": 0, "y": 0}, "params": {…every param…}}], "edges": [{"id": "e_<8 letters or digits>", "source": "<id>", "sourcePort": "<output port>", "target": "<id>", "targetPort": "<input port>"}]}
- {"type": "connect", "edge": {…as above…}}
- {"type": "remove", "nodeIds": ["…"], "edgeIds": ["…"]}
Never write file text, never invent a node id that is not on the canvas except for nodes you insert.`;

function kindHelp(kind: NodeKind): string {
  const spec = NODE_KINDS[kind];
  const ports = `inputs ${spec.inputs.map((p) => `${p.id} (${p.type})`).join(', ') || 'none'}; outputs ${spec.outputs.map((p) => `${p.id} (${p.type})`).join(', ')}`;
  return `Kind "${kind}": ${spec.description} Ports: ${ports}. Params (JSON Schema): ${JSON.stringify(z.toJSONSchema(spec.params, { io: 'input' }))}`;
}

/** The nodes of the kinds a task is about, without what the breakdown keeps for itself (`source`). */
function canvasContext(doc: BmadDocument, kinds: readonly NodeKind[]): string {
  const nodes = doc.nodes.filter((n) => kinds.includes(n.kind)).slice(0, MAX_CONTEXT_NODES);
  const ids = new Set(nodes.map((n) => n.id));
  const plain = nodes.map(({ id, kind, label, position, params }) => {
    const { source: _source, ...rest } = params as Record<string, unknown>;
    return { id, kind, label, position, params: rest };
  });
  const edges = doc.edges.filter((e) => ids.has(e.source) && ids.has(e.target));
  return JSON.stringify({ nodes: plain, edges });
}

/** The conversation that asks a model for the ops of one request about a canvas. */
export function agentMessages(task: AgentTask, request: string, doc: BmadDocument): ChatMessage[] {
  const system = [
    'You are the assistant of a film director in BMAD Movie Director. A film is a canvas of nodes (script, scenes, shots, characters, styles).',
    `You change the canvas only by proposing ops; this request is about ${EDITABLE[task]} nodes.`,
    OPS_HELP,
    ...KINDS_FOR[task].map(kindHelp),
  ].join('\n\n');
  return [
    { role: 'system', content: system },
    { role: 'user', content: `The canvas:\n${canvasContext(doc, KINDS_FOR[task])}\n\nThe director asks: ${request}` },
  ];
}
