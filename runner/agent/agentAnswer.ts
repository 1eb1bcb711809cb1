import { z } from 'zod';
import { batch, formatPath, SingleOp, type BmadDocument } from '../../core';

/**
 * What a language model must answer: a summary for the person and the ops that make the change. It
 * never writes file text; its ops go through the same schema and the same pure functions as a
 * canvas gesture, and are shown for review before anything is applied.
 */
export const AgentAnswer = z.strictObject({
  summary: z.string().min(1).max(4000),
  ops: z.array(SingleOp).max(2000),
});
export type AgentAnswer = z.infer<typeof AgentAnswer>;

export type ReadAnswer = { ok: true; answer: AgentAnswer; doc: BmadDocument } | { ok: false; message: string };

/** Leaves room for the model to wrap its JSON in a Markdown fence, as chat models often do. */
const FENCED = /^\s*```(?:json)?\s*\n([\s\S]*?)\n\s*```\s*$/;

/**
 * Reads a model's answer and checks that its ops apply to the canvas they are for. A malformed answer
 * is refused with what is wrong and where (a JSON path), and nothing is applied.
 */
export function readAgentAnswer(content: string, doc: BmadDocument): ReadAnswer {
  const body = FENCED.exec(content)?.[1] ?? content;
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch (e) {
    return { ok: false, message: `the model's answer is not JSON (${(e as Error).message}); nothing was applied` };
  }
  const parsed = AgentAnswer.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? `${formatPath(issue.path)}: ` : '';
    return { ok: false, message: `the model's answer does not follow the op schema: ${where}${issue.message}; nothing was applied` };
  }
  const applied = batch(doc, parsed.data.ops);
  if (!applied.ok) return { ok: false, message: `the model's ops do not apply to this canvas: ${applied.message}; nothing was applied` };
  return { ok: true, answer: parsed.data, doc: applied.doc };
}
