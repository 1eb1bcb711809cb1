import fs from 'node:fs';
import path from 'node:path';

/**
 * Asset references in params (a character's reference image, the script file) name files inside the
 * project. Anything that leaves it — `..`, an absolute path, or a symlink whose target is outside —
 * is refused: a canvas from someone else must not make the engine read (and upload) arbitrary files.
 */

export class AssetRefused extends Error {}

/** The real path of a project-relative reference, or AssetRefused saying why, naming `where`. */
export function resolveAsset(root: string, ref: string, where: string): string {
  if (ref.includes('\0')) throw new AssetRefused(`${where}: "${ref}" is not a file name`);
  if (path.isAbsolute(ref) || /^[A-Za-z]:[\\/]/.test(ref)) throw new AssetRefused(`${where}: "${ref}" is an absolute path; use a path inside the project`);
  const parts = ref.split(/[\\/]+/);
  if (parts.includes('..')) throw new AssetRefused(`${where}: "${ref}" leaves the project (..); use a path inside the project`);
  const realRoot = fs.realpathSync(root);
  let real: string;
  try {
    real = fs.realpathSync(path.join(root, ref));
  } catch {
    throw new AssetRefused(`${where}: "${ref}" does not exist in the project`);
  }
  const inside = path.relative(realRoot, real);
  if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside)) {
    throw new AssetRefused(`${where}: "${ref}" is a link to ${real}, outside the project`);
  }
  if (!fs.statSync(real).isFile()) throw new AssetRefused(`${where}: "${ref}" is not a file`);
  return real;
}
