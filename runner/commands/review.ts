import path from 'node:path';
import { z } from 'zod';
import { readCanvasFile, readTextOrSay } from '../canvasFile';
import { reviewCanvasText } from '../review/canvasReview';
import { defineCommand, EXIT } from './command';
import { guarded, JSON_OPTION } from './common';

export const reviewCommand = defineCommand({
  name: 'review',
  summary: 'check a canvas for continuity problems, with the fix for each',
  usage: 'bmad review <canvas.bmad> [--json]',
  details:
    'Prints one `file:line:col: warning: message [rule]` line per problem, each followed by its fix:\n' +
    'a character in a shot whom the script does not have in its scene, dialogue by someone not in the\n' +
    'shot, a scene with no shots, a shot too short for its dialogue. The script is the one the canvas\'s\n' +
    'script node reads. --json prints one object with every finding, its position, and the ops that fix\n' +
    'it. The canvas is never written. Exit status: 0 when there is nothing to report, 1 otherwise.',
  options: [JSON_OPTION],
  args: z.object({
    _: z.array(z.string().min(1)).length(1, 'name one .bmad canvas'),
    json: z.boolean().default(false),
  }),
  async run(args, ctx) {
    return guarded(ctx, 'review', args.json, async () => {
      const shown = args._[0]!;
      const file = path.resolve(ctx.cwd, shown);
      const { doc, bytes } = readCanvasFile(file, shown);
      const review = reviewCanvasText(bytes.toString('utf8'), doc, file, (script) => readTextOrSay(script, path.relative(ctx.cwd, script)));
      if (args.json) ctx.stdout.write(`${JSON.stringify({ type: 'review', canvas: shown, ...review })}\n`);
      else {
        for (const f of review.findings) {
          ctx.stdout.write(`${shown}:${f.line}:${f.column}: warning: ${f.message} [${f.rule}]\n`);
          for (const fix of f.fixes) ctx.stdout.write(`  fix: ${fix.title}\n`);
        }
        if (review.skipped) ctx.stderr.write(`bmad review: ${review.skipped}\n`);
        ctx.stderr.write(`bmad review: ${review.findings.length === 0 ? 'no problems' : `${review.findings.length} problem(s)`} in ${shown}\n`);
      }
      return review.findings.length ? EXIT.failed : EXIT.ok;
    });
  },
});
