import fs from 'node:fs';
import path from 'node:path';
import { PipelineManifest } from '../../../core/pipelineManifest';

/**
 * The container pipelines of a pipelines folder (pipelines/<modality>/<tier>/ with a manifest.json
 * whose backend is `container`, and a Dockerfile) and how `bmad pipelines build` builds each: the
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
  for (const modality of fs.readdirSync(pipelinesDir, { withFileTypes: true })) {
    if (!modality.isDirectory() || modality.name === SHARED_FOLDER) continue;
    for (const tier of fs.readdirSync(path.join(pipelinesDir, modality.name), { withFileTypes: true })) {
      const file = path.join(pipelinesDir, modality.name, tier.name, 'manifest.json');
      if (!tier.isDirectory() || !fs.existsSync(file)) continue;
      const manifest = readManifest(file);
      if (manifest.backend !== 'container') continue;
      if (!manifest.image) throw new PipelineFolderProblem(`${file}: image: a container pipeline names the image it is built into`);
      const folder = `${modality.name}/${tier.name}`;
      const dockerfile = `${folder}/Dockerfile`;
      if (!fs.existsSync(path.join(pipelinesDir, dockerfile))) throw new PipelineFolderProblem(`${path.join(pipelinesDir, dockerfile)}: no Dockerfile for pipeline ${manifest.id}`);
      found.push({ manifest: { ...manifest, image: manifest.image }, folder, dockerfile });
    }
  }
  return found.sort((a, b) => a.manifest.id.localeCompare(b.manifest.id));
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
