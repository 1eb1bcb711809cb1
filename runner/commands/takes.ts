import { z } from 'zod';
import { countArg } from '../args';
import { resolveCanvases, type Project } from '../project';
import { loadCanvas } from '../project';
import { addTakes, chooseTake, listTakes } from '../takes';
import { defineCommand, EXIT, type CliContext } from './command';
import { guarded, JSON_OPTION, makeEngine, PROJECT_OPTION, projectArgs, projectFor, reporterFor, UserError } from './common';

/** The canvas holding `node`: the one named, else the only listed canvas that has it. */
function canvasWith(ctx: CliContext, project: Project, node: string, arg: string | undefined): string {
  const canvases = resolveCanvases(project, ctx.cwd, arg);
  const hits = canvases.filter((c) => loadCanvas(project, c).nodes.some((n) => n.id === node));
  if (hits.length === 1) return hits[0]!;
  throw new UserError(hits.length ? `node "${node}" is in several canvases (${hits.join(', ')}); name one with --canvas` : `no node "${node}" in ${canvases.join(', ')}`);
}

const seedArg = z.string().regex(/^\d+$/, 'expected a seed (a whole number)').transform(Number).pipe(z.number().int().max(0xffffffff, 'seeds are 32-bit'));

export const takesCommand = defineCommand({
  name: 'takes',
  summary: 'render a node with more seeds, list its takes, choose one',
  usage: 'bmad takes <node> [--add <n>] [--choose <seed>] [--canvas <canvas>] [--json]',
  details:
    'Without options, lists the node\'s takes. --add renders n more seeds (into 03_Renders/<canvas>/takes/).\n' +
    '--choose sets the node\'s seed param in the canvas: choosing a take is an edit like any other, and\n' +
    'the next `bmad render` finds it in the cache.',
  options: [
    { name: 'add', short: 'a', type: 'string', value: 'n', description: 'render n more takes' },
    { name: 'choose', type: 'string', value: 'seed', description: 'make this seed the chosen take' },
    { name: 'canvas', type: 'string', value: 'canvas', description: 'the canvas holding the node (default: whichever has it)' },
    JSON_OPTION,
    PROJECT_OPTION,
  ],
  args: z
    .object({ _: z.array(z.string().min(1)).length(1, 'name one node id'), add: countArg.optional(), choose: seedArg.optional(), canvas: z.string().optional(), ...projectArgs })
    .refine((a) => a.add === undefined || a.choose === undefined, { message: 'use --add or --choose, not both', path: ['choose'] }),
  run: (args, ctx) =>
    guarded(ctx, 'takes', args.json, async () => {
      const project = projectFor(ctx, args.project);
      const node = args._[0]!;
      const canvas = canvasWith(ctx, project, node, args.canvas);
      if (args.choose !== undefined) {
        chooseTake(project, canvas, node, args.choose);
        ctx.stdout.write(args.json ? JSON.stringify({ type: 'chosen', canvas, node, seed: args.choose }) + '\n' : `${canvas}: ${node} now uses seed ${args.choose}; run \`bmad render\` to update what depends on it\n`);
        return EXIT.ok;
      }
      const engine = makeEngine(project, ctx);
      if (args.add !== undefined) {
        const reporter = reporterFor(ctx, args.json);
        const r = await addTakes(project, engine, canvas, node, args.add, ctx.signal, (e) => reporter.event({ canvas, ...e }));
        reporter.stop();
        if (r.cancelled) return EXIT.interrupted;
        if (r.failed.length) ctx.stderr.write(`bmad takes: seeds ${r.failed.join(', ')} of ${node} did not render (see above)\n`);
        if (!r.seeds.length && r.failed.length) return EXIT.failed;
      }
      const takes = listTakes(project, canvas, node, engine);
      if (args.json) for (const t of takes) ctx.stdout.write(JSON.stringify({ type: 'take', canvas, node, ...t }) + '\n');
      else for (const t of takes) ctx.stdout.write(`${t.chosen ? '*' : ' '} seed ${String(t.seed).padEnd(10)} ${t.cached ? t.file : '(not in the cache)'}\n`);
      return EXIT.ok;
    }),
});
