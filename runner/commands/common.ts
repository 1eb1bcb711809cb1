import { z } from 'zod';
import { TIERS } from '../../core';
import { oneOf, type OptionSpec } from '../args';
import { Engine } from '../engine';
import { LockProblem } from '../lock';
import { openProject, ProjectProblem, resolveCanvases, type Project } from '../project';
import { ProjectBusy } from '../projectLock';
import { UserError } from '../errors';
import { JsonReporter, LineReporter, type Reporter } from '../report/reporter';
import { TtyReporter } from '../report/tty';
import { pipelineRegistry } from '../pipelines/registry';
import { loadTargets } from '../targets/config';
import { createTargets } from '../targets/factories';
import { LocalTarget } from '../targets/local';
import { Router } from '../targets/router';
import type { TargetEnv } from '../targets/target';
import { EXIT, type CliContext } from './command';

/** Options and plumbing shared by the commands that work on a project. */

export const PROJECT_OPTION: OptionSpec = { name: 'project', short: 'C', type: 'string', value: 'dir', description: 'the film project (default: the one containing the current folder)' };
export const JSON_OPTION: OptionSpec = { name: 'json', type: 'boolean', description: 'print JSON lines instead of text' };
export const TIER_OPTION: OptionSpec = { name: 'tier', type: 'string', value: 'low|standard|high', description: "quality tier (default: the project's; a node's own tier wins)" };
export const JOBS_OPTION: OptionSpec = { name: 'jobs', short: 'j', type: 'string', value: 'n', description: 'jobs at once on the embedded target (1–2 recommended; default 2)' };

export const projectArgs = {
  project: z.string().min(1).optional(),
  json: z.boolean().default(false),
};
export const tierArg = oneOf(TIERS).optional();
export const jobsArg = z
  .string()
  .regex(/^\d+$/, 'expected a whole number')
  .transform(Number)
  .pipe(z.number().int().min(1, 'must be at least 1').max(16, 'must be at most 16'))
  .optional();

export function projectFor(ctx: CliContext, dir: string | undefined): Project {
  return openProject(dir ?? ctx.cwd);
}

export function canvasesFor(ctx: CliContext, project: Project, arg: string | undefined): string[] {
  return resolveCanvases(project, ctx.cwd, arg);
}

export const TARGETS_OPTION: OptionSpec = {
  name: 'targets',
  type: 'string',
  value: 'file',
  description: 'the targets to render on (default: $BMAD_TARGETS, else ~/.config/bmad/targets.json; none: the embedded preview only)',
};
export const targetsArg = z.string().min(1).optional();

/** The embedded preview target and the configured ones (`--targets`, $BMAD_TARGETS, ~/.config/bmad/targets.json). */
export function makeTargets(ctx: CliContext, o: { jobs?: number; targets?: string } = {}): Router {
  const loaded = loadTargets({ file: o.targets, cwd: ctx.cwd, env: process.env });
  const registry = pipelineRegistry();
  const env: TargetEnv = { manifest: (ref) => registry.get(ref), log: (line) => ctx.stderr.write(`${line}\n`) };
  const configured = createTargets(loaded.targets, env, loaded.file);
  return new Router([new LocalTarget({ concurrency: o.jobs ?? 2 }), ...configured], registry);
}

export function makeEngine(project: Project, ctx: CliContext, o: { jobs?: number; targets?: string } = {}): Engine {
  const retries = process.env.BMAD_RETRIES === undefined ? undefined : Number(process.env.BMAD_RETRIES);
  return new Engine(project.cacheDir, makeTargets(ctx, o), { retries, backoffMs: 1000 });
}

export function reporterFor(ctx: CliContext, json: boolean): Reporter {
  if (json) return new JsonReporter(ctx.stdout);
  if (ctx.stdout.isTTY) return new TtyReporter(ctx.stdout);
  return new LineReporter(ctx.stdout, ctx.stderr);
}

/** Known problems print as one clear line and exit 1; anything else is a bug and propagates. */
export async function guarded(ctx: CliContext, command: string, json: boolean, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (e) {
    const known = e instanceof ProjectProblem || e instanceof LockProblem || e instanceof ProjectBusy || e instanceof UserError;
    if (!known) throw e;
    if (json) ctx.stdout.write(JSON.stringify({ type: 'error', message: (e as Error).message }) + '\n');
    ctx.stderr.write(`bmad ${command}: ${(e as Error).message}\n`);
    return EXIT.failed;
  }
}

export { UserError };
