import fs from 'node:fs';
import path from 'node:path';
import { formatIssue, formatPath, parseDocumentBytes, unresolvedConflicts, type BmadDocument, type Tier } from '../core';
import { jsonLocation, schemaProblem } from './jsonLocation';
import { CACHE_DIR, CANVAS_DIR, LOCK_FILE, MAIN_CANVAS, PROJECT_FILE, ProjectManifest, RENDERS_DIR } from './projectLayout';
import { existingFileInside, insideProject, PathRefused, projectRelative } from './projectPaths';

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
  const text = fs.readFileSync(file, 'utf8');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ProjectProblem(`${jsonLocation(file, text, [])}: not valid JSON (${(e as Error).message})`);
  }
  const m = ProjectManifest.safeParse(raw);
  if (!m.success) throw new ProjectProblem(schemaProblem(file, text, raw, m.error, formatPath));
  m.data.canvases.forEach((c, n) => {
    try {
      canvasKey(c, `canvases[${n}]`);
    } catch (e) {
      throw e instanceof PathRefused ? new ProjectProblem(`${jsonLocation(file, text, ['canvases', n])}: ${e.message}`) : e;
    }
  });
  // The engine writes into these and `clean --all` empties the cache: none may be a link out of the project.
  for (const own of [CACHE_DIR, RENDERS_DIR, LOCK_FILE]) insideProject(root, own, root);
  return {
    root,
    manifest: m.data,
    cacheDir: path.join(root, CACHE_DIR),
    rendersDir: path.join(root, RENDERS_DIR),
    lockFile: path.join(root, LOCK_FILE),
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

/** `03_Renders/main`: the project-relative folder a canvas's renders go to. */
export function rendersFolder(rel: string): string {
  return `${RENDERS_DIR}/${canvasName(rel)}`;
}

/**
 * A canvas path from a file or a command line, checked: a `.bmad` file inside the project whose name
 * can be a folder of 03_Renders (`...bmad` would make it `03_Renders/..`). Returns it normalized.
 */
export function canvasKey(ref: string, where: string): string {
  const rel = projectRelative(ref, where);
  if (!rel.endsWith('.bmad')) throw new PathRefused(where, `"${ref}" is not a canvas (a .bmad file)`);
  const name = canvasName(rel);
  if (name === '' || name === '.' || name === '..') {
    throw new PathRefused(where, `"${ref}" cannot name a renders folder (${RENDERS_DIR}/${name}); rename the canvas`);
  }
  return rel;
}

/** The render.lock key of a canvas file on disk, checked like every canvas path (links included). */
export function canvasOf(p: Project, file: string): string {
  const rel = canvasRel(p, file);
  if (rel === '..' || rel.startsWith('../') || path.isAbsolute(rel)) {
    throw new ProjectProblem(`${file} is outside the project at ${p.root}`);
  }
  const key = canvasKey(rel, rel);
  existingFileInside(p.root, key, key);
  return key;
}

/**
 * Which canvases a command works on: the one named (a path from cwd, a project-relative path, or a bare
 * name like `main`), else every canvas the manifest lists.
 */
export function resolveCanvases(p: Project, cwd: string, arg: string | undefined): string[] {
  if (arg === undefined) {
    return p.manifest.canvases.length ? p.manifest.canvases.map((c, n) => canvasKey(c, `canvases[${n}]`)) : [MAIN_CANVAS];
  }
  const candidates = [path.resolve(cwd, arg), path.resolve(p.root, arg), path.resolve(p.root, CANVAS_DIR, arg.endsWith('.bmad') ? arg : `${arg}.bmad`)];
  const hit = candidates.find((c) => fs.existsSync(c) && fs.statSync(c).isFile());
  if (!hit) throw new ProjectProblem(`no canvas "${arg}" (looked for ${candidates.map((c) => path.relative(cwd, c) || '.').join(', ')})`);
  return [canvasOf(p, hit)];
}

/** Reads and validates a canvas; every problem comes back located, as `bmad validate` prints it. */
export function loadCanvas(p: Project, rel: string): BmadDocument {
  let bytes: Uint8Array;
  try {
    bytes = fs.readFileSync(existingFileInside(p.root, rel, rel));
  } catch (e) {
    if (e instanceof PathRefused) throw new ProjectProblem(`${rel}:1:1: ${e.reason}`);
    throw new ProjectProblem(`${rel}:1:1: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const r = parseDocumentBytes(bytes);
  if (!r.ok) throw new ProjectProblem(r.issues.map((i) => formatIssue(rel, i)).join('\n'));
  if (r.doc.conflicts?.length) {
    const text = Buffer.from(bytes).toString('utf8').replace(/^\uFEFF/, '');
    throw new ProjectProblem(unresolvedConflicts(text, r.doc).map((i) => formatIssue(rel, i)).join('\n'));
  }
  return r.doc;
}
