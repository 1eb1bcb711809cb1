import fs from 'node:fs';
import path from 'node:path';
import type { PipelineRef } from '../../../core/contract';

/**
 * The files of a container pipeline run as a plain process on a host without Docker: its folder
 * (pipelines/<modality>/<tier>/: pipeline.py, manifest.json) and the shared contract package
 * (pipelines/common/), under the same relative paths, because pipeline.py finds the package at
 * ../../common from itself.
 */

export interface ProgramFile {
  /** Path below the pipelines folder, forward slashes. */
  readonly rel: string;
  readonly abs: string;
}

export interface PipelineProgram {
  /** pipeline.py below the pipelines folder, e.g. `image/low/pipeline.py`. */
  readonly entry: string;
  readonly files: readonly ProgramFile[];
}

/** $BMAD_PIPELINES, else the repository's pipelines/ (this file in runner/targets/ssh, or dist/). */
export function pipelinesRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (env.BMAD_PIPELINES) return path.resolve(env.BMAD_PIPELINES);
  const candidates = [path.resolve(__dirname, '../../../pipelines'), path.resolve(__dirname, '../pipelines')];
  const found = candidates.find((d) => fs.existsSync(path.join(d, 'common')));
  if (!found) {
    const looked = candidates.join(' or ');
    throw new Error(`the pipeline programs are not here: no ${looked} with common/ (set BMAD_PIPELINES)`);
  }
  return found;
}

const SKIP = new Set(['__pycache__', 'node_modules']);

function listFiles(root: string, dir: string): ProgramFile[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e): ProgramFile[] => {
    if (SKIP.has(e.name) || e.name.endsWith('.pyc')) return [];
    const rel = dir ? `${dir}/${e.name}` : e.name;
    if (e.isDirectory()) return listFiles(root, rel);
    return e.isFile() ? [{ rel, abs: path.join(root, rel) }] : [];
  });
}

function manifestIdOf(file: string): { id?: unknown; version?: unknown } {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as { id?: unknown; version?: unknown };
  } catch {
    return {};
  }
}

export function findPipelineProgram(ref: PipelineRef, root = pipelinesRoot()): PipelineProgram {
  for (const modality of fs.readdirSync(root, { withFileTypes: true })) {
    if (!modality.isDirectory() || modality.name === 'common') continue;
    for (const tier of fs.readdirSync(path.join(root, modality.name), { withFileTypes: true })) {
      const dir = `${modality.name}/${tier.name}`;
      if (!tier.isDirectory() || !fs.existsSync(path.join(root, dir, 'pipeline.py'))) continue;
      const m = manifestIdOf(path.join(root, dir, 'manifest.json'));
      if (m.id === ref.id && m.version === ref.version) {
        return { entry: `${dir}/pipeline.py`, files: [...listFiles(root, dir), ...listFiles(root, 'common')] };
      }
    }
  }
  throw new Error(`no pipeline program ${ref.id}@${ref.version} (pipeline.py beside its manifest.json) below ${root}`);
}
