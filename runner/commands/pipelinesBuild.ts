import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import {
  BASE_IMAGE_ARG,
  baseImageOf,
  containerPipelines,
  defaultPipelinesDir,
  PipelineFolderProblem,
  SHARED_FOLDER,
} from '../targets/docker/pipelineImages';
import type { OptionSpec } from '../args';
import { EXIT, type CliContext } from './command';

/**
 * `bmad pipelines build [id…]`: docker build of each container pipeline's Dockerfile, tagged with the
 * image its manifest names (what the docker target runs). Part of `bmad pipelines` (pipelines.ts),
 * which hands `build …` here with these options.
 */

/** `bmad pipelines build`'s own options (beside `_`: the ids, after the word `build`). */
export const PIPELINES_BUILD_ARGS = {
  base: z.string().min(1).optional(),
  'docker-socket': z.string().min(1).optional(),
  pipelines: z.string().min(1).optional(),
};
export const PIPELINES_BUILD_OPTIONS: readonly OptionSpec[] = [
  { name: 'base', type: 'string', value: 'image', description: `base image (build argument ${BASE_IMAGE_ARG}; default: the Dockerfile's)` },
  { name: 'docker-socket', type: 'string', value: 'path', description: 'the Docker daemon (default: $DOCKER_HOST, else /var/run/docker.sock)' },
  { name: 'pipelines', type: 'string', value: 'dir', description: "the pipelines folder (default: the studio's own)" },
];

type BuildArgs = { readonly ids: readonly string[] } & z.infer<z.ZodObject<typeof PIPELINES_BUILD_ARGS>>;

export async function buildPipelineImages(args: BuildArgs, ctx: CliContext): Promise<number> {
  const fail = (message: string): number => {
    ctx.stderr.write(`bmad pipelines build: ${message}\n`);
    return EXIT.failed;
  };
  const dir = args.pipelines ? path.resolve(ctx.cwd, args.pipelines) : defaultPipelinesDir();
  if (!dir) return fail('no pipelines folder beside this program; give one with --pipelines DIR');
  let all;
  try {
    all = containerPipelines(dir);
  } catch (e) {
    if (e instanceof PipelineFolderProblem) return fail(e.message);
    return fail(`${dir}: ${(e as Error).message}`);
  }
  const ids = args.ids;
  const unknown = ids.filter((id) => !all.some((p) => p.manifest.id === id));
  const known = all.map((p) => p.manifest.id).join(', ') || 'none';
  if (unknown.length) return fail(`no container pipeline ${unknown.join(', ')} in ${dir} (there are: ${known})`);
  const chosen = ids.length ? all.filter((p) => ids.includes(p.manifest.id)) : all;
  // dockerode (and what it brings) loads only for this command, not with every `bmad` start.
  const { connectDocker, daemonError, socketFor } = await import('../targets/docker/daemon');
  const { buildImage } = await import('../targets/docker/build');
  let socket: string;
  try {
    socket = socketFor(args['docker-socket']);
  } catch (e) {
    return fail((e as Error).message);
  }
  const docker = connectDocker(socket);
  const failed: string[] = [];
  for (const p of chosen) {
    if (ctx.signal.aborted) return EXIT.interrupted;
    const { id, version, image } = p.manifest;
    const base = baseImageOf(fs.readFileSync(path.join(dir, p.dockerfile), 'utf8'), args.base);
    ctx.stdout.write(`building ${id}@${version} → ${image}${base ? ` on ${base}` : ''}\n`);
    try {
      await buildImage(
        docker,
        {
          context: dir,
          src: [SHARED_FOLDER, p.folder],
          dockerfile: p.dockerfile,
          tag: image,
          buildArgs: args.base ? { [BASE_IMAGE_ARG]: args.base } : {},
          labels: { 'bmad.pipeline': `${id}@${version}` },
        },
        (line) => ctx.stdout.write(`  ${line}\n`),
      );
      ctx.stdout.write(`built ${image}\n`);
    } catch (e) {
      // The daemon's errors (a status, or a socket that does not answer) read better as sentences.
      const fromDaemon = (e as { statusCode?: number }).statusCode !== undefined || (e as NodeJS.ErrnoException).code;
      const why = fromDaemon ? daemonError(e, socket) : (e as Error).message;
      ctx.stderr.write(`bmad pipelines build: ${id}${base ? ` (on ${base})` : ''}: ${why}\n`);
      failed.push(id);
    }
  }
  if (failed.length) return fail(`${failed.length} of ${chosen.length} image(s) failed: ${failed.join(', ')}`);
  return EXIT.ok;
}
