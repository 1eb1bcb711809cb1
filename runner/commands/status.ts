import { z } from 'zod';
import { NODE_STATES, projectStatus } from '../status';
import { defineCommand, EXIT } from './command';
import { canvasesFor, guarded, JSON_OPTION, PROJECT_OPTION, projectArgs, projectFor, TIER_OPTION, tierArg } from './common';

export const statusCommand = defineCommand({
  name: 'status',
  summary: 'show which nodes are fresh, stale or missing',
  usage: 'bmad status [canvas] [--tier low|standard|high] [--check] [--json]',
  details:
    'fresh: render.lock has the node\'s current job key and its output is at hand. stale: its params or\n' +
    'something upstream changed since. missing: never rendered, or its files are gone. needs-input: an\n' +
    'input it needs is not connected (the reason says which). error: it cannot be planned (the reason is\n' +
    'shown). Runs nothing. With --check, exits 1 unless every node is fresh.',
  options: [TIER_OPTION, { name: 'check', type: 'boolean', description: 'exit 1 unless every node is fresh' }, JSON_OPTION, PROJECT_OPTION],
  args: z.object({ _: z.array(z.string()).max(1, 'name at most one canvas'), tier: tierArg, check: z.boolean().default(false), ...projectArgs }),
  run: (args, ctx) =>
    guarded(ctx, 'status', args.json, async () => {
      const project = projectFor(ctx, args.project);
      const rows = projectStatus(project, canvasesFor(ctx, project, args._[0]), args.tier);
      if (args.json) for (const r of rows) ctx.stdout.write(JSON.stringify({ type: 'status', ...r }) + '\n');
      else {
        const mark = { fresh: '✓', stale: '~', missing: '·', 'needs-input': '○', error: '✗' } as const;
        let canvas = '';
        for (const r of rows) {
          if (r.canvas !== canvas) ctx.stdout.write(`${(canvas = r.canvas)}\n`);
          const why = r.state === 'fresh' ? (r.files[0] ?? '') : (r.reason ?? '');
          ctx.stdout.write(`  ${mark[r.state]} ${r.state.padEnd(11)} ${r.kind.padEnd(6)} ${r.node.padEnd(14)} ${why}\n`);
        }
        const counts = NODE_STATES.map((s) => `${rows.filter((r) => r.state === s).length} ${s}`);
        ctx.stdout.write(`${counts.join(', ')}\n`);
      }
      return args.check && rows.some((r) => r.state !== 'fresh') ? EXIT.failed : EXIT.ok;
    }),
});
