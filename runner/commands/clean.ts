import { z } from 'zod';
import { clean } from '../clean';
import { defineCommand, EXIT } from './command';
import { guarded, JSON_OPTION, PROJECT_OPTION, projectArgs, projectFor } from './common';

export const cleanCommand = defineCommand({
  name: 'clean',
  summary: 'remove cached results render.lock no longer names (or the whole cache with --all)',
  usage: 'bmad clean [--all] [--json]',
  details: 'Keeps everything render.lock names; 03_Renders and render.lock are never touched.\nTakes and older renders go (a take can be rendered again with `bmad takes`).',
  options: [{ name: 'all', type: 'boolean', description: 'remove the whole .bmad-cache' }, JSON_OPTION, PROJECT_OPTION],
  args: z.object({ _: z.array(z.string()).max(0, 'takes no arguments'), all: z.boolean().default(false), ...projectArgs }),
  run: (args, ctx) =>
    guarded(ctx, 'clean', args.json, async () => {
      const r = clean(projectFor(ctx, args.project), args.all);
      ctx.stdout.write(args.json ? JSON.stringify({ type: 'cleaned', ...r }) + '\n' : `removed ${r.removedJobs} job record(s) and ${r.removedObjects} object(s), ${(r.bytes / 1e6).toFixed(1)} MB\n`);
      return EXIT.ok;
    }),
});
