import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ModelFile, PipelineManifest } from '../../core/pipelineManifest';
import { sha256File } from '../hash';

/**
 * The model files each pipeline needs (its manifest's `models`) against a models folder: present,
 * missing, or of the wrong size; with `verify`, their sha256 too. The folder is the one a docker
 * target mounts at /models, or a host's models folder.
 */

export type ModelState = 'present' | 'missing' | 'wrong-size' | 'wrong-hash' | 'verified';

export interface ModelCheck {
  readonly pipeline: string;
  readonly file: ModelFile;
  /** Where it is looked for. */
  readonly at: string;
  readonly state: ModelState;
  /** The size found, when a file is there. */
  readonly size?: number;
}

/** `--models DIR`, else $BMAD_MODELS, else $XDG_DATA_HOME/bmad/models (~/.local/share/bmad/models). */
export function modelsDirOf(arg: string | undefined, cwd: string, env: NodeJS.ProcessEnv): string {
  if (arg) return path.resolve(cwd, arg);
  if (env.BMAD_MODELS) return path.resolve(cwd, env.BMAD_MODELS);
  return path.join(env.XDG_DATA_HOME || path.join(env.HOME || os.homedir(), '.local/share'), 'bmad/models');
}

export async function checkModels(manifests: readonly PipelineManifest[], dir: string, verify: boolean): Promise<ModelCheck[]> {
  const out: ModelCheck[] = [];
  for (const m of manifests) {
    for (const file of m.models) {
      const at = path.join(dir, ...file.path.split('/'));
      const st = fs.statSync(at, { throwIfNoEntry: false });
      const base = { pipeline: `${m.id}@${m.version}`, file, at };
      if (!st?.isFile()) out.push({ ...base, state: 'missing' });
      else if (st.size !== file.bytes) out.push({ ...base, state: 'wrong-size', size: st.size });
      else if (!verify) out.push({ ...base, state: 'present', size: st.size });
      else out.push({ ...base, state: (await sha256File(at)).sha256 === file.sha256 ? 'verified' : 'wrong-hash', size: st.size });
    }
  }
  return out;
}
