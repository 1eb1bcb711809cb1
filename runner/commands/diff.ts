import { z } from 'zod';
import { diffCanvases, diffListing, diffSummary, type CanvasDiff, type NodeDiff } from '../../core';
import { headVersionOf, readCanvasArg, readCanvasFile, type NamedCanvas } from '../git/readCanvas';
import { defineCommand, EXIT } from './command';
import { guarded, JSON_OPTION } from './common';

/** The diff as JSON: absent values are null (no param is ever null), so nothing is dropped. */
function nodeJson(n: NodeDiff): Record<string, unknown> {
  if (n.status !== 'changed') return { status: n.status, id: n.id, kind: n.node.kind, label: n.node.label };
  return {
    status: n.status,
    id: n.id,
    kind: n.after.kind,
    label: n.after.label,
    ...(n.kindChanged ? { kindBefore: n.before.kind } : {}),
    ...(n.labelChanged ? { labelBefore: n.before.label } : {}),
    ...(n.moved ? { position: { before: n.before.position, after: n.after.position } } : {}),
    params: n.params.map((p) => ({ key: p.key, before: p.before ?? null, after: p.after ?? null })),
  };
}

const diffJson = (d: CanvasDiff) => ({
  summary: diffSummary(d),
  nodes: d.nodes.map(nodeJson),
  edgesAdded: d.edgesAdded,
  edgesRemoved: d.edgesRemoved,
});

function print(before: NamedCanvas, after: NamedCanvas, json: boolean, out: NodeJS.WritableStream, header?: string): void {
  const d = diffCanvases(before.doc, after.doc);
  if (json) {
    out.write(JSON.stringify({ before: before.name, after: after.name, ...diffJson(d) }) + '\n');
    return;
  }
  const names = new Map([...before.doc.nodes, ...after.doc.nodes].map((n) => [n.id, n]));
  const lines = [...(header ? [header] : []), diffSummary(d), ...diffListing(d, names)];
  out.write(lines.join('\n') + '\n');
}

export const diffCommand = defineCommand({
  name: 'diff',
  summary: 'what changed between two canvases: a summary, then node by node and param by param',
  usage: 'bmad diff <A> [B] [--json]',
  details:
    'A and B are each a .bmad file or a committed version of one as REV:PATH, git\'s syntax\n' +
    '(`HEAD~1:02_Source_Creative/main.bmad`, or `main:./main.bmad` from the current folder).\n' +
    'With one FILE, compares its HEAD version with the file as it is now.\n' +
    'Prints e.g. "3 shots changed, 1 added, 2 edges removed", then +/-/~ per node and edge.\n' +
    '`bmad install-git` makes `git diff` use this (with --git, which takes the arguments git passes to\n' +
    'a diff driver: path old-file old-hex old-mode new-file new-hex new-mode).',
  options: [JSON_OPTION, { name: 'git', type: 'boolean', description: 'called by git as the diff driver (diff.bmad.command)' }],
  args: z.object({
    _: z.array(z.string().min(1)).min(1, 'name the canvases to compare').max(9, 'at most two canvases (or the 7 or 9 words git passes)'),
    json: z.boolean().default(false),
    git: z.boolean().default(false),
  }).refine((a) => (a.git ? a._.length === 7 || a._.length === 9 : a._.length <= 2), {
    message: 'expected A [B], or with --git the 7 (or 9, for a rename) words git passes to a diff driver',
  }),
  async run(args, ctx) {
    return guarded(ctx, 'diff', args.json, async () => {
      if (args.git) {
        // git: path old-file old-hex old-mode new-file new-hex new-mode [new-path similarity]
        const [file, oldFile, , , newFile, , , newPath] = args._ as [string, string, string, string, string, string, string, string?];
        const before = { ...readCanvasFile(oldFile, ctx.cwd), name: `a/${file}` };
        const after = { ...readCanvasFile(newFile, ctx.cwd), name: `b/${newPath ?? file}` };
        print(before, after, args.json, ctx.stdout, `bmad diff ${before.name} ${after.name}`);
        return EXIT.ok;
      }
      const [a, b] = args._ as [string, string?];
      const before = await readCanvasArg(b === undefined ? headVersionOf(a) : a, ctx.cwd);
      const after = await readCanvasArg(b ?? a, ctx.cwd);
      print(before, after, args.json, ctx.stdout);
      return EXIT.ok;
    });
  },
});
