import { z } from 'zod';
import { checkModels, modelsDirOf, type ModelState } from '../pipelines/models';
import { pipelineRegistry } from '../pipelines/registry';
import { defineCommand, EXIT } from './command';
import { guarded, JSON_OPTION } from './common';
import { table } from './table';

const SHOWN: Record<ModelState, string> = { present: 'present', verified: 'verified', missing: 'missing', 'wrong-size': 'wrong size', 'wrong-hash': 'wrong sha256' };
const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;

export const modelsCommand = defineCommand({
  name: 'models',
  summary: "list each pipeline's model files and whether the models folder has them",
  usage: 'bmad models [--models <dir>] [--verify] [--json]',
  details:
    'For every pipeline that needs weights, each file below the models folder (what a docker target\n' +
    'mounts at /models): present, missing or of the wrong size, with where to get it and its licence.\n' +
    'The folder is --models, else $BMAD_MODELS, else ~/.local/share/bmad/models. --verify also checks\n' +
    'each sha256 (slow: reads every file). Exit 1 when a file is missing or wrong.',
  options: [
    { name: 'models', type: 'string', value: 'dir', description: 'the models folder' },
    { name: 'verify', type: 'boolean', description: 'check the sha256 of every file present' },
    JSON_OPTION,
  ],
  args: z.object({ _: z.array(z.string()).max(0, 'takes no arguments'), models: z.string().min(1).optional(), verify: z.boolean().default(false), json: z.boolean().default(false) }),
  run: (args, ctx) =>
    guarded(ctx, 'models', args.json, async () => {
      const dir = modelsDirOf(args.models, ctx.cwd, process.env);
      const checks = await checkModels(pipelineRegistry().manifests, dir, args.verify);
      if (args.json) {
        for (const c of checks) ctx.stdout.write(JSON.stringify({ type: 'model', pipeline: c.pipeline, ...c.file, at: c.at, state: c.state, found: c.size }) + '\n');
      } else {
        ctx.stdout.write(`models folder: ${dir}\n`);
        const rows = checks.map((c) => {
          const state = c.state === 'wrong-size' ? `${SHOWN[c.state]} (${mb(c.size!)})` : SHOWN[c.state];
          return [c.pipeline, c.file.path, mb(c.file.bytes), state, c.state === 'present' || c.state === 'verified' ? '' : `${c.file.source} (${c.file.licence})`];
        });
        ctx.stdout.write(rows.length ? table(['pipeline', 'file', 'size', 'state', 'get it from'], rows) : 'no pipeline of this build needs model files\n');
      }
      return checks.every((c) => c.state === 'present' || c.state === 'verified') ? EXIT.ok : EXIT.failed;
    }),
});
