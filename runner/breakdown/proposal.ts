import fs from 'node:fs';
import path from 'node:path';
import { applyOp, type BmadDocument } from '../../core';
import { breakDown, breakdownToOps, PROPOSAL_VERSION, Proposal, type Breakdown, type BreakdownCache } from '../../core/breakdown';
import { readCanvasFile } from '../canvasFile';
import { UserError } from '../errors';
import { writeFileAtomic } from '../fsAtomic';
import { sha256Text } from '../hash';
import { findProjectRoot } from '../project';

/**
 * The breakdown of a script's text; shot notes it cannot read are a UserError naming each `file:line:col`.
 * `cache`: what the run before on the same script kept (an editor re-running after an edit).
 */
export function breakDownScript(text: string, shown: string, cache?: BreakdownCache): Breakdown {
  const b = breakDown(text, cache);
  if (b.problems.length) throw new UserError(b.problems.map((p) => `${shown}:${p.line}:${p.column}: ${p.message}`).join('\n'));
  return b;
}

/** What a proposal would do, in one sentence for the CLI and the editor's dialog. */
export function proposalSummaryText(s: Proposal['summary']): string {
  return `${s.added} to add, ${s.updated} to update, ${s.adopted} to link, ${s.removed} to remove, ${s.kept} kept for hand edits; ` +
    `${s.edgesAdded} edges to add, ${s.edgesRemoved} to remove`;
}

/** Where the proposal for a canvas goes: beside it. */
export const proposalFileFor = (canvas: string) => `${canvas}.proposal.json`;

/**
 * The proposal that brings the canvas `canvasText` (the file `canvas`) in line with the breakdown of
 * `script`. The script is named as the canvas's project names it (project-relative), so the ops find
 * or make the script node that reads it.
 */
export function makeProposal(o: {
  breakdown: Breakdown; scriptText: string; script: string; canvas: string; doc: BmadDocument; canvasText: string; cache?: BreakdownCache;
}): Proposal {
  const root = findProjectRoot(path.dirname(o.canvas)) ?? path.dirname(o.canvas);
  const scriptRel = path.relative(root, o.script).split(path.sep).join('/');
  const r = breakdownToOps(o.breakdown, o.doc, scriptRel, o.cache);
  // The ops must apply to the canvas they were made for; if not, that is a bug here, not the user's.
  r.ops.reduce((d, op, k) => {
    const next = applyOp(d, op);
    if (!next.ok) throw new Error(`breakdown op ${k} (${op.type}) does not apply: ${next.message}`);
    return next.doc;
  }, o.doc);
  return Proposal.parse({
    version: PROPOSAL_VERSION,
    by: 'bmad breakdown',
    canvas: path.basename(o.canvas),
    canvasSha256: sha256Text(o.canvasText),
    script: path.relative(path.dirname(o.canvas), o.script).split(path.sep).join('/'),
    scriptSha256: sha256Text(o.scriptText),
    summary: r.summary,
    changes: r.changes,
    ops: r.ops,
  });
}

/** Writes the proposal beside its canvas; an older one there is not overwritten unless `force`. */
export function saveProposal(proposal: Proposal, canvas: string, shownCanvas: string, force: boolean): void {
  const out = proposalFileFor(canvas);
  if (fs.existsSync(out) && !force) {
    throw new UserError(`${proposalFileFor(shownCanvas)} already exists: review or delete it first, or pass --force to replace it`);
  }
  writeFileAtomic(out, `${JSON.stringify(proposal, null, 2)}\n`);
}

/** Writes `<canvas>.proposal.json` for the breakdown of `script` against the canvas on disk, never the canvas itself. */
export function writeProposal(o: { breakdown: Breakdown; scriptText: string; script: string; canvas: string; shownCanvas: string; force: boolean }): Proposal {
  const { doc, bytes } = readCanvasFile(o.canvas, o.shownCanvas);
  const proposal = makeProposal({ ...o, doc, canvasText: bytes.toString('utf8') });
  saveProposal(proposal, o.canvas, o.shownCanvas, o.force);
  return proposal;
}
