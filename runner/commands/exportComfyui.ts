import { z } from 'zod';
import { TIER_FORMATS } from '../../core/contract';
import { planCanvas } from '../plan/plan';
import { defaultTier, loadCanvas } from '../project';
import { loraFileName } from '../targets/comfyui/graphs/models';
import { RECIPES, recipeFor } from '../targets/comfyui/graphs/recipes';
import { translateJob, type InputNaming } from '../targets/comfyui/translate';
import { defineCommand, EXIT } from './command';
import { canvasesFor, guarded, PROJECT_OPTION, projectFor, TIER_OPTION, tierArg, UserError } from './common';

/**
 * `bmad export comfyui`: the API-format graph the ComfyUI target would queue for one node, so a person
 * can load it in ComfyUI (Workflow → Open, or POST it to /prompt) and see or change what it does.
 */

const tiersOf = (kind: string) => RECIPES.filter((r) => r.kind === kind).map((r) => r.tier);

export const exportCommand = defineCommand({
  name: 'export',
  summary: 'print the ComfyUI graph a node would be rendered with',
  usage: 'bmad export comfyui [canvas] --node <id> [--tier low|standard|high]',
  details:
    'Plans the node as a render would (its shot, characters and style resolved) and prints the ComfyUI\n' +
    'API-format graph the ComfyUI target would send, as JSON on stdout. Load it in ComfyUI to look at or\n' +
    'change it. Which model files it loads and which pictures to upload into ComfyUI\'s input folder are\n' +
    'listed on stderr. Image nodes have graphs at every tier; video nodes at standard and high.',
  options: [{ name: 'node', short: 'n', type: 'string', value: 'id', description: 'the image or video node' }, TIER_OPTION, PROJECT_OPTION],
  args: z.object({
    _: z.tuple([z.literal('comfyui', { error: 'the first argument says what to export to; only "comfyui" is known' })], z.string()).check(
      z.maxLength(2, 'name at most one canvas after "comfyui"'),
    ),
    node: z.string({ error: 'say which node with --node <id>' }).min(1),
    tier: tierArg,
    project: z.string().min(1).optional(),
  }),
  run: (args, ctx) =>
    guarded(ctx, 'export', false, async () => {
      const project = projectFor(ctx, args.project);
      const [canvas] = canvasesFor(ctx, project, args._[1]);
      const plan = planCanvas(project.root, canvas!, loadCanvas(project, canvas!), { tier: args.tier ?? defaultTier(project) });
      const entry = plan.entries.find((e) => (e.state === 'job' ? e.job.node.id : e.node.id) === args.node);
      if (!entry) throw new UserError(`no image or video node "${args.node}" in ${canvas}`);
      if (entry.state !== 'job') throw new UserError(`${canvas} ${args.node} cannot be planned (${entry.state}): ${entry.reason}`);
      const job = entry.job;
      const recipe = recipeFor(job.kind, job.tier);
      if (!recipe) {
        const tiers = tiersOf(job.kind);
        const has = tiers.length
          ? `${job.kind} nodes have ComfyUI graphs at ${tiers.join(', ')}`
          : 'only image and video nodes have ComfyUI graphs';
        throw new UserError(`no ComfyUI graph for the ${job.kind} node "${args.node}" at the ${job.tier} tier: ${has}`);
      }
      const sha = (input: string) => job.inputs.flatMap((i) => (i.name === input && 'asset' in i ? [i.asset.sha256] : []))[0];
      // Pictures keep their input name (the person uploads them); a LoRA gets the name the target
      // expects in models/loras/.
      const naming: InputNaming = {
        upload: (input) => input,
        lora: (input) => loraFileName(sha(input) ?? input),
      };
      const spec = { key: job.key, seed: job.seed, format: { ...TIER_FORMATS[job.tier] }, params: job.params };
      const t = translateJob(spec, recipe, naming);
      ctx.stdout.write(`${JSON.stringify(t.graph, null, 2)}\n`);
      const loraLoaders = Object.values(t.graph).filter((n) => n.class_type === 'LoraLoader');
      const loras = loraLoaders.map((n) => `loras/${String(n.inputs.lora_name)}`);
      const models = [...recipe.models.map((m) => `${m.folder}/${m.file}`), ...loras];
      ctx.stderr.write(`${recipe.id} (${job.tier}): needs ${models.map((m) => `models/${m}`).join(', ')}\n`);
      for (const u of t.uploads) {
        const what = u.input === 'keyframe.png' ? 'keyframe' : u.input;
        ctx.stderr.write(`upload ${u.name} (the output of the node's ${what}) into ComfyUI's input folder\n`);
      }
      return EXIT.ok;
    }),
});
