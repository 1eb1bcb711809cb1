import path from 'node:path';
import { z } from 'zod';
import { render } from '../render';
import { defineCommand, EXIT } from './command';
import { oneOf } from '../args';
import { canvasesFor, guarded, JOBS_OPTION, jobsArg, JSON_OPTION, makeEngine, PROJECT_OPTION, projectArgs, projectFor, reporterFor, TARGETS_OPTION, targetsArg, TIER_OPTION, tierArg } from './common';

export const renderCommand = defineCommand({
  name: 'render',
  summary: 'render what changed, record it in render.lock, put the results in 03_Renders',
  usage: 'bmad render [canvas] [--tier low|standard|high] [--node <id>] [--force] [--targets <file>] [--fallback preview] [--json]',
  details:
    'Plans every canvas the project lists (or the one named: a path or a name such as `main`), runs\n' +
    'only jobs whose key is not in the cache, upstream first, and materializes the outputs. Ctrl+C\n' +
    'cancels running pipelines and exits 130; finished jobs are kept. Exit 1 names each node it did not\n' +
    'make: failed, skipped for one that failed, or waiting for an input nobody connected.\n' +
    'Each job runs on a target whose GPU fits its tier\'s pipeline (bmad pipelines, bmad targets); when\n' +
    'none fits, the render stops and says what the tier needs, unless --fallback preview makes those nodes\n' +
    'with the CPU preview pipelines (recorded in render.lock under the preview\'s name and key).',
  options: [
    TIER_OPTION,
    { name: 'node', short: 'n', type: 'string', value: 'id', description: 'render this node and what it needs, ahead of other work' },
    { name: 'force', short: 'f', type: 'boolean', description: 'run again even when cached (with --node: only that node)' },
    TARGETS_OPTION,
    { name: 'fallback', type: 'string', value: 'preview', description: 'when no target fits a tier, make those nodes with the CPU preview pipelines' },
    JSON_OPTION,
    JOBS_OPTION,
    PROJECT_OPTION,
  ],
  args: z.object({
    _: z.array(z.string()).max(1, 'name at most one canvas'),
    tier: tierArg,
    node: z.string().min(1).optional(),
    force: z.boolean().default(false),
    jobs: jobsArg,
    targets: targetsArg,
    fallback: oneOf(['preview'] as const).optional(),
    ...projectArgs,
  }),
  run: (args, ctx) =>
    guarded(ctx, 'render', args.json, async () => {
      const project = projectFor(ctx, args.project);
      const canvases = canvasesFor(ctx, project, args._[0]);
      const reporter = reporterFor(ctx, args.json);
      const engine = makeEngine(project, ctx, { jobs: args.jobs, targets: args.targets });
      const summary = await render(project, engine, {
        fallback: args.fallback,
        canvases,
        tier: args.tier,
        node: args.node,
        force: args.force,
        signal: ctx.signal,
        onEvent: (e) => reporter.event(e),
      }).finally(() => {
        reporter.stop();
        return engine.router.dispose();
      });
      const films = summary.plans.flatMap((p) => p.jobs.flatMap((j) => (j.node.kind === 'output' ? [path.join('03_Renders', path.basename(p.canvas, '.bmad'), j.node.params.file)] : [])));
      reporter.summary(summary, { films });
      if (!args.json && summary.ok && films.length) ctx.stdout.write(films.map((f) => `film: ${path.join(project.root, f)}\n`).join(''));
      return summary.cancelled ? EXIT.interrupted : summary.ok ? EXIT.ok : EXIT.failed;
    }),
});
