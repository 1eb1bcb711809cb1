import { execFile } from 'node:child_process';
import path from 'node:path';
import { z } from 'zod';
import { conflictLine, mergeCanvases, serializeDocument } from '../../core';
import { UserError } from '../errors';
import { writeFileAtomic } from '../fsAtomic';
import { readCanvasFile } from '../git/readCanvas';
import { defineCommand, EXIT, type CliContext } from './command';

/**
 * When a side is not a canvas we can read, merge as git would have: its text merge, markers and all,
 * which the editor reads back as ours and theirs (core/conflictMarkers.ts). Returns git's conflict count.
 */
function textMerge(base: string, ours: string, theirs: string, cwd: string): Promise<number> {
  const args = ['merge-file', '-L', 'ours', '-L', 'base', '-L', 'theirs', ours, base, theirs];
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd }, (err) => {
      if (!err) return resolve(0);
      const code = typeof err.code === 'number' ? err.code : -1;
      if (code > 0) resolve(code);
      else reject(new Error(`git merge-file failed: ${err.message}`));
    });
  });
}

async function run(files: { base: string; ours: string; theirs: string; name: string }, ctx: CliContext): Promise<number> {
  let sides;
  try {
    sides = [files.base, files.ours, files.theirs].map((f) => readCanvasFile(f, ctx.cwd).doc);
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    ctx.stderr.write(`bmad merge: ${files.name}: a side is not a canvas I can read, so git's text merge decides:\n${e.message}\n`);
    const abs = (f: string) => path.resolve(ctx.cwd, f);
    return (await textMerge(abs(files.base), abs(files.ours), abs(files.theirs), ctx.cwd)) === 0 ? EXIT.ok : EXIT.failed;
  }
  const [base, ours, theirs] = sides as [(typeof sides)[0], (typeof sides)[0], (typeof sides)[0]];
  const m = mergeCanvases(base, ours, theirs);
  writeFileAtomic(path.resolve(ctx.cwd, files.ours), serializeDocument(m.doc));
  for (const note of m.notes) ctx.stderr.write(`bmad merge: ${files.name}: ${note}\n`);
  if (m.conflicts.length === 0) return EXIT.ok;
  const n = m.conflicts.length;
  ctx.stderr.write(
    `bmad merge: ${files.name}: ${n} conflict${n === 1 ? '' : 's'}, kept in the file's "conflicts" (the canvas holds ours; ` +
      `open it to choose):\n${m.conflicts.map((c) => `  ${conflictLine(c)}`).join('\n')}\n`,
  );
  return EXIT.failed;
}

export const mergeCommand = defineCommand({
  name: 'merge',
  summary: 'three-way merge of a canvas per node, edge and param (the git merge driver)',
  usage: 'bmad merge <BASE> <OURS> <THEIRS> [PATH]',
  details:
    'Writes the merge into OURS in canonical text, as git expects of a merge driver (%O %A %B %P).\n' +
    'Exit 0: merged cleanly. Exit 1: conflicts (the same param changed differently on both sides, a node\n' +
    "deleted on one side and changed on the other), kept in the file's \"conflicts\" with base, ours and theirs,\n" +
    "the canvas holding ours. A node moved on both sides keeps ours' position (noted on stderr).\n" +
    "When a side is not a readable canvas, git's text merge runs instead and leaves its conflict markers.",
  options: [],
  args: z.object({ _: z.array(z.string().min(1)).min(3, 'name BASE, OURS and THEIRS').max(4, 'at most BASE OURS THEIRS PATH') }),
  async run(args, ctx) {
    const [base, ours, theirs, name] = args._ as [string, string, string, string?];
    return run({ base, ours, theirs, name: name ?? ours }, ctx);
  },
});
