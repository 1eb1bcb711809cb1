import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { formatIssue, parseDocumentBytes } from '../../core';
import { defineCommand, EXIT } from './command';

/** Folders never worth descending into when a directory is given. */
const SKIP_DIRS = new Set(['node_modules', '.git', '.bmad-cache', 'dist']);

/** A file given by name is always checked; a folder contributes every *.bmad below it. */
async function expand(arg: string, cwd: string): Promise<string[]> {
  const abs = path.resolve(cwd, arg);
  const stat = await fs.stat(abs).catch(() => undefined);
  if (!stat?.isDirectory()) return [arg];
  const found: string[] = [];
  for (const entry of await fs.readdir(abs, { withFileTypes: true })) {
    if (entry.isDirectory() && SKIP_DIRS.has(entry.name)) continue;
    const child = path.join(arg, entry.name);
    if (entry.isDirectory()) found.push(...(await expand(child, cwd)));
    else if (entry.name.endsWith('.bmad')) found.push(child);
  }
  return found.sort();
}

/** Problems of one file as `file:line:col: message` lines; an unreadable file is one located problem. */
export async function validateFile(file: string, cwd: string): Promise<string[]> {
  let bytes: Uint8Array;
  try {
    // Bytes, not text: a lenient decode would read bytes that are not UTF-8 as U+FFFD and pass them.
    bytes = await fs.readFile(path.resolve(cwd, file));
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'is a directory' : err.code === 'EACCES' ? 'permission denied' : err.message;
    return [`${file}:1:1: cannot read: ${why}`];
  }
  const r = parseDocumentBytes(bytes);
  return r.ok ? [] : r.issues.map((iss) => formatIssue(file, iss));
}

export const validate = defineCommand({
  name: 'validate',
  summary: 'check .bmad canvases and print every problem with its location',
  usage: 'bmad validate <file|folder>…',
  details:
    'Prints one `file:line:col: message` line per problem on stdout and a summary on stderr.\n' +
    'A folder is searched for *.bmad files. Exit status: 0 when every file is valid, 1 otherwise.',
  options: [{ name: 'quiet', short: 'q', type: 'boolean', description: 'print problems only, no summary' }],
  args: z.object({
    _: z.array(z.string().min(1)).min(1, 'name at least one .bmad file or folder'),
    quiet: z.boolean().default(false),
  }),
  async run(args, ctx) {
    const files = (await Promise.all(args._.map((a) => expand(a, ctx.cwd)))).flat();
    let problems = 0;
    let bad = 0;
    for (const file of files) {
      const lines = await validateFile(file, ctx.cwd);
      if (lines.length) bad++;
      problems += lines.length;
      for (const line of lines) ctx.stdout.write(line + '\n');
    }
    if (!args.quiet) {
      const summary =
        files.length === 0
          ? 'no .bmad files found'
          : problems === 0
            ? `${files.length} file${files.length === 1 ? '' : 's'} valid`
            : `${problems} problem${problems === 1 ? '' : 's'} in ${bad} of ${files.length} file${files.length === 1 ? '' : 's'}`;
      ctx.stderr.write(`bmad validate: ${summary}\n`);
    }
    return problems === 0 && files.length > 0 ? EXIT.ok : EXIT.failed;
  },
});
