import path from 'node:path';
import { z } from 'zod';
import { TIERS } from '../../core';
import { createProject, ProjectError, ToolMissingError, writeProjectTemplate } from '../projectLayout';
import { oneOf } from '../args';
import { currentCliLauncher } from '../git/gitDrivers';
import { defineCommand, EXIT } from './command';

export const newCommand = defineCommand({
  name: 'new',
  summary: 'create a film project (a Git + LFS repository) in an empty folder',
  usage: 'bmad new <dir> [--name <title>] [--tier low|standard|high] [--no-git]',
  details:
    'Writes project.json, 01_Assets/, 02_Source_Creative/ (script.fountain, main.bmad), 03_Renders/,\n' +
    '.gitattributes (LFS for media, bmad\'s drivers for *.bmad) and .gitignore, then `git init`,\n' +
    '`git lfs install --local`, the merge and diff drivers in the repository\'s config (see install-git)\n' +
    'and a first commit.',
  options: [
    { name: 'name', type: 'string', value: 'title', description: "the film's title (default: the folder name)" },
    { name: 'tier', type: 'string', value: 'low|standard|high', description: 'default quality tier (default: low)' },
    { name: 'no-git', type: 'boolean', description: 'write the files only, no repository' },
  ],
  args: z.object({
    _: z.array(z.string().min(1)).length(1, 'name the folder for the new project'),
    name: z.string().min(1).max(200).optional(),
    tier: oneOf(TIERS).default('low'),
    'no-git': z.boolean().default(false),
  }),
  async run(args, ctx) {
    const dir = path.resolve(ctx.cwd, args._[0]!);
    const opts = { name: args.name ?? path.basename(dir), defaultTier: args.tier };
    try {
      if (args['no-git']) await writeProjectTemplate(dir, opts);
      else await createProject(dir, opts, (step) => ctx.stderr.write(`${step}\n`), currentCliLauncher());
    } catch (e) {
      if (e instanceof ProjectError || e instanceof ToolMissingError) {
        ctx.stderr.write(`bmad new: ${e.message}\n`);
        return EXIT.failed;
      }
      throw e;
    }
    ctx.stdout.write(`new film project "${opts.name}" in ${dir}\nnext: cd ${path.relative(ctx.cwd, dir) || '.'} && bmad render\n`);
    return EXIT.ok;
  },
});
