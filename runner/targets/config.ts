import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatPath } from '../../core/issues';
import { firstSyntaxError } from '../../core/jsonSyntax';
import { LineIndex } from '../../core/lineIndex';
import { TargetsFile, type TargetConfig } from '../../core/targetConfig';
import { UserError } from '../errors';
import { jsonLocation, schemaProblem } from '../jsonLocation';
import { PREVIEW_TARGET_ID } from './local';

/**
 * The targets the CLI renders on (core/targetConfig.ts), from `--targets FILE`, else $BMAD_TARGETS,
 * else ~/.config/bmad/targets.json. A file named on purpose must exist; the default one may be absent,
 * and then only the embedded preview target is there. A file that does not read stops the command
 * with `file:line:col: path: message`, before anything runs.
 */

export class TargetsProblem extends UserError {}


export interface TargetsSource {
  /** `--targets FILE`, relative to `cwd`. */
  readonly file?: string;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
}

export interface LoadedTargets {
  /** The file read, or undefined when there was none (only the preview). */
  readonly file: string | undefined;
  readonly targets: readonly TargetConfig[];
}

export function targetsFileOf(o: TargetsSource): { file: string; named: boolean } {
  if (o.file) return { file: path.resolve(o.cwd, o.file), named: true };
  if (o.env.BMAD_TARGETS) return { file: path.resolve(o.cwd, o.env.BMAD_TARGETS), named: true };
  const home = o.env.HOME || os.homedir();
  return { file: path.join(o.env.XDG_CONFIG_HOME || path.join(home, '.config'), 'bmad/targets.json'), named: false };
}

export function loadTargets(o: TargetsSource): LoadedTargets {
  const { file, named } = targetsFileOf(o);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !named) return { file: undefined, targets: [] };
    throw new TargetsProblem(`${file}: ${code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  return { file, targets: parseTargets(file, text) };
}

/** The targets a file's text declares, checked: schema, unique ids, a wan2gp's `via` an ssh target. */
export function parseTargets(file: string, text: string): TargetConfig[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    const at = firstSyntaxError(text);
    if (!at) throw new TargetsProblem(`${jsonLocation(file, text, [])}: not valid JSON (${(e as Error).message})`);
    const { line, column } = new LineIndex(text).at(at.offset);
    throw new TargetsProblem(`${file}:${line}:${column}: ${at.message}`);
  }
  const r = TargetsFile.safeParse(raw);
  if (!r.success) throw new TargetsProblem(schemaProblem(file, text, raw, r.error, formatPath));
  const targets = r.data.targets;
  const seen = new Set<string>([PREVIEW_TARGET_ID]);
  targets.forEach((t, n) => {
    const where = (field: string) => `${jsonLocation(file, text, ['targets', n, field])}: targets[${n}].${field}`;
    if (seen.has(t.id)) {
      const why = t.id === PREVIEW_TARGET_ID ? 'is the embedded preview target' : 'is taken by an earlier target';
      throw new TargetsProblem(`${where('id')}: "${t.id}" ${why}`);
    }
    seen.add(t.id);
    if (t.type === 'wan2gp' && !targets.some((s) => s.type === 'ssh' && s.id === t.via)) {
      throw new TargetsProblem(`${where('via')}: no ssh target "${t.via}" in this file (Wan2GP runs on an ssh host)`);
    }
  });
  return targets;
}
