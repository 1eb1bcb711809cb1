import { z } from 'zod';
import { regenerate } from '../regenerate';
import { defineCommand, EXIT } from './command';
import { canvasesFor, guarded, JOBS_OPTION, jobsArg, JSON_OPTION, makeEngine, PROJECT_OPTION, projectArgs, projectFor, reporterFor, TARGETS_OPTION, targetsArg } from './common';

export const regenerateCommand = defineCommand({
  name: 'regenerate',
  summary: 'rebuild every output render.lock names from params alone and check its hash',
  usage: 'bmad regenerate [canvas] [--node <id>] [--targets <file>] [--json]',
  details:
    'Runs every job render.lock records again, ignoring the cache, at the tier it was rendered at,\n' +
    'puts the files back in 03_Renders, and compares each output with the hash in render.lock.\n' +
    'Exit 0 when every output is byte-identical; 1 on any difference, failure or stale entry.',
  options: [{ name: 'node', short: 'n', type: 'string', value: 'id', description: 'only this node (what it reads is rebuilt too)' }, TARGETS_OPTION, JSON_OPTION, JOBS_OPTION, PROJECT_OPTION],
  args: z.object({ _: z.array(z.string()).max(1, 'name at most one canvas'), node: z.string().min(1).optional(), jobs: jobsArg, targets: targetsArg, ...projectArgs }),
  run: (args, ctx) =>
    guarded(ctx, 'regenerate', args.json, async () => {
      const project = projectFor(ctx, args.project);
      const canvases = args._[0] === undefined ? undefined : canvasesFor(ctx, project, args._[0]);
      const reporter = reporterFor(ctx, args.json);
      const engine = makeEngine(project, ctx, { jobs: args.jobs, targets: args.targets });
      const r = await regenerate(project, engine, { canvases, node: args.node, signal: ctx.signal, onEvent: (e) => reporter.event(e) }).finally(() => {
        reporter.stop();
        return engine.router.dispose();
      });
      if (args.json) ctx.stdout.write(JSON.stringify({ type: 'regenerated', checked: r.checked, mismatches: r.mismatches, cancelled: r.summary?.cancelled ?? false }) + '\n');
      else {
        for (const m of r.mismatches) ctx.stderr.write(`✗ ${m.canvas} ${m.node}: ${m.message}\n`);
        ctx.stdout.write(r.mismatches.length ? `regenerate: ${r.mismatches.length} problem(s); ${r.checked} output(s) checked\n` : `regenerate: all ${r.checked} outputs byte-identical to render.lock\n`);
      }
      if (r.summary?.cancelled) return EXIT.interrupted;
      return r.mismatches.length ? EXIT.failed : EXIT.ok;
    }),
});
