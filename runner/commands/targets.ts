import { z } from 'zod';
import type { TargetConfig } from '../../core/targetConfig';
import { loadTargets } from '../targets/config';
import { PREVIEW_TARGET_ID } from '../targets/local';
import { defineCommand, EXIT } from './command';
import { guarded, JSON_OPTION, makeTargets, TARGETS_OPTION, targetsArg } from './common';
import { table } from './table';

/** Where a configured target is, in a few words. */
function where(t: TargetConfig): string {
  switch (t.type) {
    case 'docker':
      return `${t.socketPath ?? 'the local daemon'}, models ${t.modelsDir}`;
    case 'ssh':
      return `${t.user}@${t.host}:${t.port} (${t.run}), models ${t.modelsDir}`;
    case 'comfyui':
      return t.url;
    case 'wan2gp':
      return `via ${t.via}, ${t.wgpDir}`;
  }
}

export const targetsCommand = defineCommand({
  name: 'targets',
  summary: 'list the targets renders run on (and, with --probe, their GPUs)',
  usage: 'bmad targets [--targets <file>] [--probe] [--json]',
  details:
    `The embedded preview target (${PREVIEW_TARGET_ID}: CPU, preview pipelines) and the targets configured in\n` +
    '--targets <file>, else $BMAD_TARGETS, else ~/.config/bmad/targets.json. --probe asks each what it\n' +
    'runs and which GPUs it has, as a render does before it routes jobs.',
  options: [TARGETS_OPTION, { name: 'probe', type: 'boolean', description: 'ask each target for its GPUs and backends' }, JSON_OPTION],
  args: z.object({ _: z.array(z.string()).max(0, 'takes no arguments'), targets: targetsArg, probe: z.boolean().default(false), json: z.boolean().default(false) }),
  run: (args, ctx) =>
    guarded(ctx, 'targets', args.json, async () => {
      const loaded = loadTargets({ file: args.targets, cwd: ctx.cwd, env: process.env });
      const rows: { id: string; type: string; where: string; concurrency: number; report?: string }[] = [
        { id: PREVIEW_TARGET_ID, type: 'preview', where: 'this machine (CPU)', concurrency: 2 },
        ...loaded.targets.map((t) => ({ id: t.id, type: t.type, where: where(t), concurrency: t.concurrency })),
      ];
      if (args.probe) {
        const router = makeTargets(ctx, { targets: args.targets });
        try {
          const probed = await router.reports(ctx.signal);
          for (const r of rows) {
            const p = probed.get(r.id);
            if (!p) continue;
            const gpus = (g: { name: string; vramGb: number }) => `${g.name} ${g.vramGb} GB`;
            r.report = 'unreachable' in p ? `unreachable: ${p.unreachable}` : `${p.backends.join(', ')}; ${p.gpus.length ? p.gpus.map(gpus).join(', ') : 'no GPU'}`;
          }
        } finally {
          await router.dispose();
        }
      }
      if (args.json) for (const { type, ...r } of rows) ctx.stdout.write(JSON.stringify({ type: 'target', kind: type, ...r }) + '\n');
      else {
        ctx.stdout.write(loaded.file ? `targets file: ${loaded.file}\n` : 'no targets file: only the embedded preview target\n');
        const head = ['id', 'type', 'where', 'jobs at once', ...(args.probe ? ['reports'] : [])];
        ctx.stdout.write(table(head, rows.map((r) => [r.id, r.type, r.where, String(r.concurrency), ...(args.probe ? [r.report ?? ''] : [])])));
      }
      return EXIT.ok;
    }),
});
