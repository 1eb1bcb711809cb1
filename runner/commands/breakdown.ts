import path from 'node:path';
import { z } from 'zod';
import { breakdownText } from '../breakdown/print';
import { readTextOrSay } from '../canvasFile';
import { breakDownScript, proposalFileFor, proposalSummaryText, writeProposal } from '../breakdown/proposal';
import { defineCommand, EXIT } from './command';
import { guarded, JSON_OPTION } from './common';

export const breakdownCommand = defineCommand({
  name: 'breakdown',
  summary: 'break a Fountain script down into scenes, characters and shots',
  usage: 'bmad breakdown <script.fountain> [--json] [--apply <canvas.bmad> [--force]]',
  details:
    'Prints the scenes (number, interior/exterior, location, time of day, who speaks), the characters\n' +
    '(speeches per scene, a suggested voice and look) and the shots, with the script lines of each.\n' +
    'With --apply, writes <canvas>.proposal.json beside the canvas: the ops that bring the canvas in line\n' +
    'with the script, for review in the editor. The canvas itself is never written; values edited by hand\n' +
    'on the canvas are never proposed for change. Exit status: 0, or 1 with located problems.',
  options: [
    JSON_OPTION,
    { name: 'apply', type: 'string', value: 'canvas', description: 'write a proposal for this canvas beside it' },
    { name: 'force', type: 'boolean', description: 'replace a proposal already beside the canvas' },
  ],
  args: z.object({
    _: z.array(z.string().min(1)).length(1, 'name one .fountain script'),
    json: z.boolean().default(false),
    apply: z.string().min(1).optional(),
    force: z.boolean().default(false),
  }),
  async run(args, ctx) {
    return guarded(ctx, 'breakdown', args.json, async () => {
      const shown = args._[0]!;
      const script = path.resolve(ctx.cwd, shown);
      const text = readTextOrSay(script, shown);
      const b = breakDownScript(text, shown);
      if (!args.apply) {
        ctx.stdout.write(args.json ? `${JSON.stringify(b)}\n` : breakdownText(b));
        return EXIT.ok;
      }
      const proposal = writeProposal({ breakdown: b, scriptText: text, script, canvas: path.resolve(ctx.cwd, args.apply), shownCanvas: args.apply, force: args.force });
      const s = proposal.summary;
      if (args.json) ctx.stdout.write(`${JSON.stringify({ type: 'proposal', file: proposalFileFor(args.apply), summary: s })}\n`);
      else {
        ctx.stdout.write(`wrote ${proposalFileFor(args.apply)}: ${proposalSummaryText(s)}\n`);
      }
      return EXIT.ok;
    });
  },
});
