import fs from 'node:fs';
import path from 'node:path';
import { applyOp, formatIssue, parseDocumentBytes, type BmadDocument } from '../../core';
import { breakdownToOps, PROPOSAL_VERSION, Proposal, type Breakdown } from '../../core/breakdown';
import { UserError } from '../errors';
import { writeFileAtomic } from '../fsAtomic';
import { sha256Text } from '../hash';
import { findProjectRoot } from '../project';

/** Where the proposal for a canvas goes: beside it. */
export const proposalFileFor = (canvas: string) => `${canvas}.proposal.json`;

/** The canvas, read and checked; any problem is a UserError of located lines. */
function readCanvas(file: string, shown: string): { doc: BmadDocument; bytes: Buffer } {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(`${shown}:1:1: cannot read: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (e as Error).message}`);
  }
  const r = parseDocumentBytes(bytes);
  if (!r.ok) throw new UserError(r.issues.map((i) => formatIssue(shown, i)).join('\n'));
  return { doc: r.doc, bytes };
}

/**
 * Writes `<canvas>.proposal.json` for the breakdown of `script`; the canvas itself is never written.
 * The script is named as the canvas's project names it (project-relative), so the ops find or make
 * the script node that reads it. An older proposal there is not overwritten unless `force`.
 */
export function writeProposal(o: { breakdown: Breakdown; scriptText: string; script: string; canvas: string; shownCanvas: string; force: boolean }): Proposal {
  const { doc, bytes } = readCanvas(o.canvas, o.shownCanvas);
  const root = findProjectRoot(path.dirname(o.canvas)) ?? path.dirname(o.canvas);
  const scriptRel = path.relative(root, o.script).split(path.sep).join('/');
  const r = breakdownToOps(o.breakdown, doc, scriptRel);
  // The ops must apply to the canvas they were made for; if not, that is a bug here, not the user's.
  r.ops.reduce((d, op, k) => {
    const next = applyOp(d, op);
    if (!next.ok) throw new Error(`breakdown op ${k} (${op.type}) does not apply: ${next.message}`);
    return next.doc;
  }, doc);
  const proposal = Proposal.parse({
    version: PROPOSAL_VERSION,
    by: 'bmad breakdown',
    canvas: path.basename(o.canvas),
    canvasSha256: sha256Text(bytes.toString('utf8')),
    script: path.relative(path.dirname(o.canvas), o.script).split(path.sep).join('/'),
    scriptSha256: sha256Text(o.scriptText),
    summary: r.summary,
    changes: r.changes,
    ops: r.ops,
  });
  const out = proposalFileFor(o.canvas);
  if (fs.existsSync(out) && !o.force) {
    throw new UserError(`${proposalFileFor(o.shownCanvas)} already exists: review or delete it first, or pass --force to replace it`);
  }
  writeFileAtomic(out, `${JSON.stringify(proposal, null, 2)}\n`);
  return proposal;
}
