import path from 'node:path';
import { z } from 'zod';
import { SingleOp, type BmadDocument } from '../../core';
import { breakDown } from '../../core/breakdown';
import { reviewCanvas } from '../../core/review';
import { makeProposal, proposalSummaryText } from '../breakdown/proposal';
import { sha256Text } from '../hash';
import { readAgentAnswer } from './agentAnswer';
import { AgentError, type Complete } from './openaiClient';
import { agentMessages } from './prompt';

export const DIRECTOR_COMMANDS = ['breakdown', 'shot', 'style', 'review'] as const;
export type DirectorCommand = (typeof DIRECTOR_COMMANDS)[number];

export interface DirectorInput {
  readonly command: string | undefined;
  readonly prompt: string;
  /** The canvas the request is about (the active one); its text is what the ops are checked against. */
  readonly canvas?: { readonly file: string; readonly text: string; readonly doc: BmadDocument };
  /** The script its script node reads, when there is one that can be read. */
  readonly script?: { readonly file: string; readonly text: string };
  /** How to ask a model; undefined while language models are off (`bmad.agent.provider`). */
  readonly complete?: Complete;
  readonly signal?: AbortSignal;
}

/** Ops offered for the canvas, applied only when the person asks, and only to the text they were made for. */
export const DirectorProposal = z.strictObject({
  summary: z.string().max(4000),
  ops: z.array(SingleOp).max(50000),
  canvasSha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type DirectorProposal = z.infer<typeof DirectorProposal>;

export interface DirectorReply {
  readonly markdown: string;
  readonly proposal?: DirectorProposal;
}

const HELP = 'Ask me with a command: `/breakdown` (the script into scenes, shots and characters), `/shot make shot 5 a close-up`, ' +
  '`/style write a film-noir style`, `/review` (continuity problems).';
const MODELS_OFF = 'Language models are off. Set `bmad.agent.provider` to `vscode-lm` or `openai` to let a model propose shots and ' +
  'styles; `/breakdown` and `/review` work without one.';

/**
 * The `@director` chat participant's logic, without VS Code: `/breakdown` and `/review` are the
 * rule-based engines (offline, deterministic); `/shot` and `/style` ask a model for ops, which are
 * refused with a clear message unless they follow the op schema and apply to the canvas.
 */
export async function directorReply(input: DirectorInput): Promise<DirectorReply> {
  const command = DIRECTOR_COMMANDS.find((c) => c === input.command);
  if (!command) return { markdown: HELP };
  const canvas = input.canvas;
  if (!canvas) return { markdown: 'Open a canvas first: I work on the canvas you last looked at.' };
  const sha = sha256Text(canvas.text);
  if (command === 'review') return reviewReply(canvas.doc, input.script);
  if (command === 'breakdown') {
    if (!input.script) return { markdown: 'This canvas has no script node whose script I can read.' };
    const p = makeProposal({ breakdown: breakDown(input.script.text), scriptText: input.script.text, script: input.script.file, canvas: canvas.file, doc: canvas.doc, canvasText: canvas.text });
    if (p.ops.length === 0) return { markdown: `The canvas is already in step with ${path.basename(input.script.file)}.` };
    const summary = `Breakdown of ${path.basename(input.script.file)}: ${proposalSummaryText(p.summary)}.`;
    return { markdown: summary, proposal: { summary, ops: SingleOp.array().parse(p.ops), canvasSha256: sha } };
  }
  if (!input.complete) return { markdown: MODELS_OFF };
  if (!input.prompt.trim()) return { markdown: `Say what you want, e.g. ${command === 'shot' ? '`/shot make shot 5 a close-up`' : '`/style write a film-noir style`'}.` };
  let content: string;
  try {
    content = await input.complete(agentMessages(command, input.prompt, canvas.doc), input.signal);
  } catch (e) {
    if (e instanceof AgentError) return { markdown: `The language model could not be asked: ${e.message}` };
    throw e;
  }
  const read = readAgentAnswer(content, canvas.doc);
  if (!read.ok) return { markdown: `Refused: ${read.message}.` };
  if (read.answer.ops.length === 0) return { markdown: read.answer.summary };
  const lines = read.answer.ops.map((op) => `- ${describeOp(op)}`);
  return {
    markdown: [read.answer.summary, '', ...lines].join('\n'),
    proposal: { summary: read.answer.summary, ops: read.answer.ops, canvasSha256: sha },
  };
}

function reviewReply(doc: BmadDocument, script: DirectorInput['script']): DirectorReply {
  const findings = reviewCanvas(doc, script && breakDown(script.text));
  if (findings.length === 0) return { markdown: 'No continuity problems found.' };
  const lines = findings.map((f) => `- ${f.message} (fix: ${f.fixes.map((x) => x.title).join('; ') || 'none'})`);
  return { markdown: [`${findings.length} continuity problem(s); each has a quick fix in the Problems view:`, '', ...lines].join('\n') };
}

function describeOp(op: SingleOp): string {
  switch (op.type) {
    case 'setParams':
      return `set ${Object.keys(op.params).join(', ')} of ${op.id}`;
    case 'rename':
      return `rename ${op.id} to "${op.label}"`;
    case 'insert':
      return `add ${op.nodes.map((n) => `${n.kind} "${n.label}"`).join(', ') || 'no nodes'}${op.edges.length ? ` and ${op.edges.length} edge(s)` : ''}`;
    case 'remove':
      return `remove ${op.nodeIds.length} node(s) and ${op.edgeIds.length} edge(s)`;
    case 'connect':
      return `connect ${op.edge.source} to ${op.edge.target}`;
    case 'move':
      return `move ${op.moves.length} node(s)`;
  }
}
