import { z } from 'zod';
import { BMAD_ATTRIBUTES, currentCliLauncher, installGitDrivers, type BmadLauncher } from '../git/gitDrivers';
import { defineCommand, EXIT } from './command';
import { guarded, UserError } from './common';

export const installGitCommand = defineCommand({
  name: 'install-git',
  summary: 'make git merge and diff canvases node by node in this repository',
  usage: 'bmad install-git [--command <cmd>]',
  details:
    `Adds \`${BMAD_ATTRIBUTES}\` to the repository's .gitattributes (committed: it names the drivers)\n` +
    'and sets the drivers in its local config (merge.bmad.driver, diff.bmad.command, diff.bmad.textconv).\n' +
    'The config names this bmad by absolute path (its node and its script), because git runs drivers from\n' +
    'a shell that may not have bmad on PATH; --command names another, e.g. `--command bmad`. New film\n' +
    'projects get this already. Run it again after moving the bmad it names.',
  options: [{ name: 'command', type: 'string', value: 'cmd', description: 'the command git runs for bmad (default: this bmad, by absolute path)' }],
  args: z.object({ _: z.array(z.string()).max(0, 'takes no arguments'), command: z.string().trim().min(1).optional() }),
  async run(args, ctx) {
    return guarded(ctx, 'install-git', false, async () => {
      // --command is a shell command line of the person's choosing; it goes into the config as written.
      const launcher: BmadLauncher = args.command ? { argv: [args.command], raw: true } : currentCliLauncher();
      let done;
      try {
        done = await installGitDrivers(ctx.cwd, launcher);
      } catch (e) {
        throw new UserError(`not in a git repository (${String((e as Error).message).trim().split('\n')[0]})`);
      }
      ctx.stdout.write(`${done.attributesWritten ? 'added to' : 'already in'} ${done.root}/.gitattributes: ${BMAD_ATTRIBUTES}\n`);
      for (const [key, value] of done.config) ctx.stdout.write(`git config ${key} ${JSON.stringify(value)}\n`);
      return EXIT.ok;
    });
  },
});
