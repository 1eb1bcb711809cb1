import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { emptyDocument, serializeDocument, Tier } from '../../core';
import { BMAD_ATTRIBUTES } from '../git/gitDrivers';
import { starterCanvasText, starterScript } from './starterCanvas';

/**
 * The layout of a new film project, written with node's fs only (no `vscode`), so the CLI's
 * `bmad new` and the tests use exactly what the "New Film Project" command uses.
 */

export const PROJECT_FILE = 'project.json';
export const CANVAS_DIR = '02_Source_Creative';
export const MAIN_CANVAS = `${CANVAS_DIR}/main.bmad`;
export const RENDERS_DIR = '03_Renders';
export const CACHE_DIR = '.bmad-cache';
export const LOCK_FILE = 'render.lock';

/** Loose: keys that a later version (or a person) adds survive when the studio rewrites the file. */
export const ProjectManifest = z.looseObject({
  name: z.string().min(1).max(200),
  schemaVersion: z.literal(1),
  defaultTier: Tier,
  fps: z.number().int().min(1).max(240),
  aspect: z.string().regex(/^\d+:\d+$/, 'expected an aspect ratio like 16:9'),
  canvases: z.array(z.string().min(1)),
});
export type ProjectManifest = z.infer<typeof ProjectManifest>;

/** Media and model weights go to Git LFS; the canvases and the script stay plain text. */
export const LFS_PATTERNS = [
  '*.png', '*.jpg', '*.jpeg', '*.webp', '*.exr',
  '*.mp4', '*.mov', '*.mkv', '*.webm',
  '*.wav', '*.mp3', '*.flac', '*.ogg',
  '*.safetensors', '*.ckpt', '*.pt', '*.bin', '*.gguf',
] as const;

export interface ProjectOptions {
  readonly name: string;
  readonly defaultTier: Tier;
}

export const manifestText = (m: ProjectManifest): string => JSON.stringify(m, null, 2) + '\n';

/** Every file of a new project, by project-relative path. Pure. */
export function projectFiles(opts: ProjectOptions): Map<string, string> {
  const manifest: ProjectManifest = {
    name: opts.name,
    schemaVersion: 1,
    defaultTier: opts.defaultTier,
    fps: 24,
    aspect: '16:9',
    canvases: [MAIN_CANVAS],
  };
  return new Map([
    [PROJECT_FILE, manifestText(manifest)],
    ['01_Assets/.gitkeep', ''],
    [`${CANVAS_DIR}/script.fountain`, starterScript(opts.name)],
    [MAIN_CANVAS, starterCanvasText()],
    [`${RENDERS_DIR}/.gitkeep`, ''],
    // Canvases merge and diff through bmad's drivers once the repository's config names them (gitDrivers.ts).
    ['.gitattributes', [...LFS_PATTERNS.map((p) => `${p} filter=lfs diff=lfs merge=lfs -text`), BMAD_ATTRIBUTES].join('\n') + '\n'],
    ['.gitignore', `${CACHE_DIR}/\n`],
  ]);
}

export class ProjectError extends Error {}

/** True for a missing folder or one with no entries at all (hidden ones count: a .git means "in use"). */
export async function isEmptyFolder(dir: string): Promise<boolean> {
  try {
    return (await fs.readdir(dir)).length === 0;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw e;
  }
}

/** Writes the project into an empty (or missing) folder; returns the relative paths written. */
export async function writeProjectTemplate(dir: string, opts: ProjectOptions): Promise<string[]> {
  if (!(await isEmptyFolder(dir))) {
    throw new ProjectError(`${dir} is not empty. Choose an empty folder for a new film project.`);
  }
  const files = projectFiles(opts);
  for (const [rel, text] of files) {
    const file = path.join(dir, rel);
    await fs.mkdir(path.dirname(file), { recursive: true });
    // 'wx': never overwrite, even if something appeared in the folder since the check above.
    await fs.writeFile(file, text, { flag: 'wx' });
  }
  return [...files.keys()];
}

/** An empty canvas, canonical; what "New Canvas" writes. */
export const emptyCanvasText = (): string => serializeDocument(emptyDocument());
