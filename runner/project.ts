import fs from 'node:fs';
import path from 'node:path';
import { parseDocumentBytes, formatIssue, type BmadDocument, type Tier } from '../core';
import { CANVAS_DIR, MAIN_CANVAS, PROJECT_FILE, ProjectManifest } from './projectLayout';

/** A film project on disk: its root, manifest and the engine's folders inside it. */
export interface Project {
  readonly root: string;
  readonly manifest: ProjectManifest;
  readonly cacheDir: string;
  readonly rendersDir: string;
  readonly lockFile: string;
}

export class ProjectProblem extends Error {}

/** Walks up from `start` to the folder holding project.json, like git finds .git. */
export function findProjectRoot(start: string): string | undefined {
  let dir = path.resolve(start);
  for (;;) {
    if (fs.existsSync(path.join(dir, PROJECT_FILE))) return dir;
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

export function openProject(start: string): Project {
  const root = findProjectRoot(start);
  if (!root) throw new ProjectProblem(`no ${PROJECT_FILE} in ${path.resolve(start)} or any folder above it; run \`bmad new <dir>\` to make a project`);
  const file = path.join(root, PROJECT_FILE);
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ProjectProblem(`${file}: not valid JSON (${(e as Error).message})`);
  }
  const m = ProjectManifest.safeParse(raw);
  if (!m.success) {
    const i = m.error.issues[0]!;
    throw new ProjectProblem(`${file}: ${i.path.join('.') || '(root)'}: ${i.message}`);
  }
  return {
    root,
    manifest: m.data,
    cacheDir: path.join(root, '.bmad-cache'),
    rendersDir: path.join(root, '03_Renders'),
    lockFile: path.join(root, 'render.lock'),
  };
}

export function defaultTier(p: Project): Tier {
  return p.manifest.defaultTier;
}

/** Project-relative POSIX path of a canvas; the key it has in render.lock. */
export function canvasRel(p: Project, file: string): string {
  return path.relative(p.root, path.resolve(p.root, file)).split(path.sep).join('/');
}

/** `02_Source_Creative/main.bmad` → `main`: the folder its renders go to in 03_Renders. */
export function canvasName(rel: string): string {
  return path.basename(rel).replace(/\.bmad$/, '');
}

/**
 * Which canvases a command works on: the one named (a path from cwd, a project-relative path, or a bare
 * name like `main`), else every canvas the manifest lists.
 */
export function resolveCanvases(p: Project, cwd: string, arg: string | undefined): string[] {
  if (arg === undefined) return p.manifest.canvases.length ? [...p.manifest.canvases] : [MAIN_CANVAS];
  const candidates = [path.resolve(cwd, arg), path.resolve(p.root, arg), path.resolve(p.root, CANVAS_DIR, arg.endsWith('.bmad') ? arg : `${arg}.bmad`)];
  const hit = candidates.find((c) => fs.existsSync(c) && fs.statSync(c).isFile());
  if (!hit) throw new ProjectProblem(`no canvas "${arg}" (looked for ${candidates.map((c) => path.relative(cwd, c) || '.').join(', ')})`);
  const rel = canvasRel(p, hit);
  if (rel.startsWith('../')) throw new ProjectProblem(`canvas ${arg} is outside the project at ${p.root}`);
  return [rel];
}

/** Reads and validates a canvas; every problem comes back located, as `bmad validate` prints it. */
export function loadCanvas(p: Project, rel: string): BmadDocument {
  const file = path.join(p.root, rel);
  let bytes: Uint8Array;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    throw new ProjectProblem(`${rel}:1:1: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const r = parseDocumentBytes(bytes);
  if (!r.ok) throw new ProjectProblem(r.issues.map((i) => formatIssue(rel, i)).join('\n'));
  return r.doc;
}
