import fs from 'node:fs';
import path from 'node:path';
import { PipelineManifest } from '../../../core/pipelineManifest';

/**
 * The container pipelines of a pipelines folder (pipelines/<modality>/<tier>/ or pipelines/lora/, each
 * with a manifest.json and a Dockerfile) and how `bmad pipelines build` builds each: the
 * context is the pipelines folder (a Dockerfile copies `common/` and its own folder), the tag is the
 * manifest's `image`, the base image a build ARG.
 */

/** The build ARG every pipeline Dockerfile takes for its base image (a CUDA PyTorch image). */
export const BASE_IMAGE_ARG = 'BASE_IMAGE';
/** The folder of the contract package that every pipeline image copies. */
export const SHARED_FOLDER = 'common';

export interface ContainerPipeline {
  readonly manifest: PipelineManifest & { image: string };
  /** `image/low`, relative to the pipelines folder, forward slashes. */
  readonly folder: string;
  readonly dockerfile: string;
}

export class PipelineFolderProblem extends Error {}

export function containerPipelines(pipelinesDir: string): ContainerPipeline[] {
  const found: ContainerPipeline[] = [];
  for (const folder of pipelineFolders(pipelinesDir)) {
    const file = path.join(pipelinesDir, folder, 'manifest.json');
    const manifest = readManifest(file);
    if (manifest.backend !== 'container') {
      throw new PipelineFolderProblem(`${file}: backend: a pipeline with a Dockerfile runs in a container, not "${manifest.backend}"`);
    }
    if (!manifest.image) throw new PipelineFolderProblem(`${file}: image: a container pipeline names the image it is built into`);
    found.push({ manifest: { ...manifest, image: manifest.image }, folder, dockerfile: `${folder}/Dockerfile` });
  }
  return found.sort((a, b) => a.manifest.id.localeCompare(b.manifest.id));
}

/**
 * Folders one or two levels down (`lora`, `image/low`) with a manifest.json and a Dockerfile: the
 * ones an image is built from (the embedded preview pipelines have a manifest and no Dockerfile).
 */
function pipelineFolders(pipelinesDir: string): string[] {
  const isPipeline = (rel: string) => ['manifest.json', 'Dockerfile'].every((f) => fs.existsSync(path.join(pipelinesDir, rel, f)));
  const dirs = (rel: string) =>
    fs
      .readdirSync(path.join(pipelinesDir, rel), { withFileTypes: true })
      .filter((e) => e.isDirectory() && e.name !== SHARED_FOLDER)
      .map((e) => (rel ? `${rel}/${e.name}` : e.name));
  return dirs('').flatMap((top) => [top, ...dirs(top)]).filter(isPipeline);
}

function readManifest(file: string): PipelineManifest {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new PipelineFolderProblem(`${file}: ${(e as Error).message}`);
  }
  const r = PipelineManifest.safeParse(json);
  if (r.success) return r.data;
  throw new PipelineFolderProblem(r.error.issues.map((i) => `${file}: ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n'));
}

/**
 * The repository's pipelines folder: beside the bundle's folder (dist/cli.js → pipelines/) or two up
 * from this source file's folder when run from a checkout.
 */
export function defaultPipelinesDir(): string | undefined {
  const candidates = [path.resolve(__dirname, '../pipelines'), path.resolve(__dirname, '../../../pipelines')];
  return candidates.find((d) => fs.existsSync(path.join(d, SHARED_FOLDER)));
}

/** The base image a build uses: the one given, else the default of the Dockerfile's ARG. */
export function baseImageOf(dockerfile: string, given: string | undefined): string | undefined {
  if (given) return given;
  const arg = new RegExp(`^\\s*ARG\\s+${BASE_IMAGE_ARG}=(\\S+)`, 'm').exec(dockerfile);
  return arg?.[1]?.replace(/^["']|["']$/g, '');
}
