import { z } from 'zod';
import { canvasListing } from '../../core';
import { readCanvasArg } from '../git/readCanvas';
import { defineCommand, EXIT } from './command';
import { guarded } from './common';

export const showCommand = defineCommand({
  name: 'show',
  summary: 'print a canvas as readable lines: a summary, each node with its params, each edge',
  usage: 'bmad show <FILE|REV:PATH>',
  details:
    'One block per node in id order, so two versions compare line by line. `bmad install-git` makes it\n' +
    "git's textconv for *.bmad, which `git log -p` and `git show` use.",
  options: [],
  args: z.object({ _: z.array(z.string().min(1)).length(1, 'name one canvas') }),
  async run(args, ctx) {
    return guarded(ctx, 'show', false, async () => {
      const { doc } = await readCanvasArg(args._[0]!, ctx.cwd);
      ctx.stdout.write(canvasListing(doc).join('\n') + '\n');
      return EXIT.ok;
    });
  },
});
