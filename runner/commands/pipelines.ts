import { z } from 'zod';
import { pipelineRegistry, refText } from '../pipelines/registry';
import { modelName } from '../targets/router';
import { type CliContext, defineCommand, EXIT } from './command';
import { guarded, JSON_OPTION } from './common';
import { buildPipelineImages, PIPELINES_BUILD_ARGS, PIPELINES_BUILD_OPTIONS } from './pipelinesBuild';
import { table } from './table';

export const pipelinesCommand = defineCommand({
  name: 'pipelines',
  summary: 'list the pipelines this build knows: kinds, tiers, backend, VRAM, model',
  usage: 'bmad pipelines [--json] | bmad pipelines build [id…] [--base IMAGE] [--docker-socket PATH] [--pipelines DIR]',
  details:
    'Every pipeline of the registry (their manifest.json files): which node kinds it renders at which\n' +
    'tiers, how it runs (preview on the CPU, container, comfyui, wan2gp), the VRAM it needs and its model.\n' +
    'A render picks, per node, the pipeline for its kind and tier (`bmad models` lists their files).\n' +
    '`bmad pipelines build [id…]` builds the container pipelines\' Docker images (all, or the ids given)\n' +
    'with pipelines/ as the context, tagged with each manifest\'s image; --base sets the BASE_IMAGE build argument.',
  options: [JSON_OPTION, ...PIPELINES_BUILD_OPTIONS],
  args: z.object({
    _: z.array(z.string()).refine((a) => a.length === 0 || a[0] === 'build', 'expected nothing, or `build [id…]`'),
    json: z.boolean().default(false),
    ...PIPELINES_BUILD_ARGS,
  }),
  run: ({ _, json, ...build }, ctx) =>
    _[0] === 'build' ? buildPipelineImages({ ids: _.slice(1), ...build }, ctx) : listPipelines({ json }, ctx),
});

const listPipelines = (args: { json: boolean }, ctx: CliContext): Promise<number> =>
    guarded(ctx, 'pipelines', args.json, async () => {
      const all = pipelineRegistry().manifests;
      if (args.json) {
        for (const m of all) {
          const row = { type: 'pipeline', id: m.id, version: m.version, kinds: m.kinds, tiers: m.tiers, backend: m.backend, vramGb: m.vramGb, image: m.image, model: m.model, models: m.models.length };
          ctx.stdout.write(JSON.stringify(row) + '\n');
        }
        return EXIT.ok;
      }
      const rows = all.map((m) => [refText(m), m.kinds.join(','), m.tiers.join(','), m.backend, m.vramGb ? `${m.vramGb} GB` : 'CPU', modelName(m)]);
      ctx.stdout.write(table(['pipeline', 'kinds', 'tiers', 'backend', 'VRAM', 'model'], rows));
      return EXIT.ok;
    });
